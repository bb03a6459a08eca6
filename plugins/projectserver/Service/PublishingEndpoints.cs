using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using Modular.Plugins.ProjectServer.Access;
using Modular.Plugins.ProjectServer.Packages;
using Modular.Plugins.ProjectServer.Sessions;

namespace Modular.Plugins.ProjectServer.Service;

/// <summary>The publishing service's HTTP API on publishingPort: list the projects, connect, download the package, disconnect.</summary>
internal static class PublishingEndpoints
{
    /// <summary>The header carrying the session id on a download: a package goes to connected clients only.</summary>
    public const string SessionHeader = "Modular-Session";

    private const int NameLimit = 255;

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/projects", ListAsync);
        routes.MapPost("/projects/{name}/connections", ConnectAsync);
        routes.MapGet("/projects/{name}/packages/{file}", DownloadAsync);
        routes.MapDelete("/connections/{id}", CloseAsync);
        routes.MapPut("/projects/{name}/files/{**path}", DevelopmentWrites.WriteAsync);
    }

    /// <summary>GET /projects: every project this server publishes, announced or not (a client here knows the address already).</summary>
    private static Task ListAsync(HttpContext context)
    {
        var catalog = context.RequestServices.GetRequiredService<ProjectCatalog>();
        return context.Response.WriteAsJsonAsync(new
        {
            projects = catalog.Projects.Select(project => new { name = project.Name, version = project.Current.Version, size = project.Current.Size }),
        }, context.RequestAborted);
    }

    /// <summary>POST /projects/{name}/connections: opens a remote user session on the current version (201).</summary>
    private static async Task ConnectAsync(HttpContext context)
    {
        var project = Project(context);
        if (project is null)
        {
            await NoSuchProjectAsync(context).ConfigureAwait(false);
            return;
        }
        ConnectRequest? request;
        try
        {
            request = context.Request.HasJsonContentType() ? await context.Request.ReadFromJsonAsync<ConnectRequest>(context.RequestAborted).ConfigureAwait(false) : new ConnectRequest();
        }
        catch (JsonException e)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, $"the body is not a JSON object {{\"userName\", \"machineName\"}}: {e.Message}").ConfigureAwait(false);
            return;
        }
        var userName = request?.userName ?? "";
        var machineName = request?.machineName ?? "";
        if (userName.Length > NameLimit || machineName.Length > NameLimit)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, $"userName and machineName are at most {NameLimit} characters").ConfigureAwait(false);
            return;
        }
        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        var sessions = context.RequestServices.GetRequiredService<RemoteUserSessions>();
        var session = await sessions.OpenAsync(project, userName, machineName, ClientAccess.Canonical(address), context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = StatusCodes.Status201Created;
        await context.Response.WriteAsJsonAsync(new
        {
            session = session.Id,
            project = project.Name,
            version = session.Package.Version,
            sha256 = session.Package.Sha256,
            size = session.Package.Size,
            package = $"/projects/{Uri.EscapeDataString(project.Name)}/packages/{session.Package.Version}.4dz",
            // 4D: a client on the server's machine is always in development mode; others are read-only.
            developmentMode = IPAddress.IsLoopback(address),
        }, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>GET /projects/{name}/packages/{version}.4dz: the package a session connected with, with ETag and Range.</summary>
    private static async Task DownloadAsync(HttpContext context)
    {
        var project = Project(context);
        var file = (string)context.Request.RouteValues["file"]!;
        var version = file.EndsWith(".4dz", StringComparison.OrdinalIgnoreCase) ? file[..^4] : file;
        var sessions = context.RequestServices.GetRequiredService<RemoteUserSessions>();
        var session = sessions.Find(context.Request.Headers[SessionHeader].ToString());
        if (project is null)
        {
            await NoSuchProjectAsync(context).ConfigureAwait(false);
            return;
        }
        if (session is null || session.PublishedProject != project)
        {
            await ErrorAsync(context, StatusCodes.Status401Unauthorized, $"a package goes to connected clients: send the session id from POST /projects/{project.Name}/connections in the {SessionHeader} header").ConfigureAwait(false);
            return;
        }
        if (session.Version != version || project.Find(version) is not { } package)
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, $"session {session.Id} connected with version {session.Version} of {project.Name}, not '{version}'; reconnect to get the current one").ConfigureAwait(false);
            return;
        }
        await TypedResults.PhysicalFile(package.Path, "application/zip", lastModified: package.BuiltAt,
            entityTag: new EntityTagHeaderValue($"\"{package.Sha256}\""), enableRangeProcessing: true).ExecuteAsync(context).ConfigureAwait(false);
    }

    /// <summary>DELETE /connections/{id}: the client closes its connection (204); its version may then go.</summary>
    private static async Task CloseAsync(HttpContext context)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        var sessions = context.RequestServices.GetRequiredService<RemoteUserSessions>();
        if (!await sessions.CloseAsync(id, "closed by the client", context.RequestAborted).ConfigureAwait(false))
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, $"no open connection {id}").ConfigureAwait(false);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>The published project the route's {name} names, or null.</summary>
    public static PublishedProject? Project(HttpContext context) =>
        context.RequestServices.GetRequiredService<ProjectCatalog>().Find((string)context.Request.RouteValues["name"]!);

    /// <summary>404 for the project the route names, listing the published ones.</summary>
    public static Task NoSuchProjectAsync(HttpContext context) =>
        ErrorAsync(context, StatusCodes.Status404NotFound,
            context.RequestServices.GetRequiredService<ProjectCatalog>().Unknown((string)context.Request.RouteValues["name"]!));

    public static Task ErrorAsync(HttpContext context, int status, string error)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { errors = new[] { error } }, context.RequestAborted);
    }
}
