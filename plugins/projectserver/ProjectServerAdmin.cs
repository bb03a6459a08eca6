using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Modular.Plugins.ProjectServer.Discovery;
using Modular.Plugins.ProjectServer.Packages;
using Modular.Plugins.ProjectServer.Service;
using Modular.Plugins.ProjectServer.Sessions;

namespace Modular.Plugins.ProjectServer;

/// <summary>The operators' endpoints on the admin API: the projects and their versions, reloading one, the remote user sessions.</summary>
internal static class ProjectServerAdmin
{
    /// <summary>GET /plugins/projectserver/projects.</summary>
    public static Task ProjectsAsync(HttpContext context)
    {
        var catalog = context.RequestServices.GetRequiredService<ProjectCatalog>();
        var service = context.RequestServices.GetService<PublishingService>();
        return context.Response.WriteAsJsonAsync(new
        {
            address = service?.Address?.ToString(),
            projects = catalog.Projects.Select(project => new
            {
                name = project.Name,
                folder = project.Folder,
                projectFile = project.ProjectFile,
                version = project.Current.Version,
                sha256 = project.Current.Sha256,
                size = project.Current.Size,
                package = project.Current.Path,
                files = project.Current.Files,
                builtAt = project.Current.BuiltAt,
                buildMilliseconds = Math.Round(project.Current.BuildTime.TotalMilliseconds),
                connections = project.Holders(),
            }),
        }, context.RequestAborted);
    }

    /// <summary>POST /plugins/projectserver/projects/{name}/reload: builds the package now; answers once it is built.</summary>
    public static async Task ReloadAsync(HttpContext context)
    {
        if (PublishingEndpoints.Project(context) is not { } project)
        {
            await PublishingEndpoints.NoSuchProjectAsync(context).ConfigureAwait(false);
            return;
        }
        var before = project.Current.Version;
        var package = await project.ReloadAsync(context.RequestAborted).ConfigureAwait(false);
        await context.Response.WriteAsJsonAsync(new { name = project.Name, version = package.Version, changed = package.Version != before }, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>GET /plugins/projectserver/sessions: the open remote user sessions, oldest first.</summary>
    public static Task SessionsAsync(HttpContext context)
    {
        var sessions = context.RequestServices.GetRequiredService<RemoteUserSessions>();
        return context.Response.WriteAsJsonAsync(new
        {
            sessions = sessions.All.Select(session => new { id = session.Id, project = session.Project, version = session.Version, info = session.Info }),
        }, context.RequestAborted);
    }

    /// <summary>DELETE /plugins/projectserver/sessions/{id}: ends a session as if its client had closed it.</summary>
    public static async Task EndSessionAsync(HttpContext context)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        var sessions = context.RequestServices.GetRequiredService<RemoteUserSessions>();
        if (!await sessions.CloseAsync(id, "ended by an operator", context.RequestAborted).ConfigureAwait(false))
        {
            await PublishingEndpoints.ErrorAsync(context, StatusCodes.Status404NotFound, $"no open remote user session {id}").ConfigureAwait(false);
            return;
        }
        await context.Response.WriteAsJsonAsync(new { ended = id }, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>GET /plugins/projectserver/discovery: the discovery datagrams received since the process started, by outcome.</summary>
    public static Task DiscoveryAsync(HttpContext context) =>
        context.Response.WriteAsJsonAsync(new { datagrams = context.RequestServices.GetRequiredService<DiscoveryCounts>().Snapshot() }, context.RequestAborted);
}
