using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Modular.Plugins.ProjectServer.Access;
using Modular.Plugins.ProjectServer.Packages;

namespace Modular.Plugins.ProjectServer.Service;

/// <summary>PUT /projects/{name}/files/{path}: a client in development mode saves a project file; the project is reloaded before
/// the answer, so the next package holds the change (4D: the server reloads synchronously on Save all).</summary>
/// <remarks>4D puts a client on the server's own machine in development mode whatever its options; clients elsewhere work on
/// a read-only package. catalog.4DCatalog and directory.json are edited by the server only (spec/clientServer-rendered.txt).</remarks>
internal static class DevelopmentWrites
{
    private const long MaxFileSize = 64L * 1024 * 1024;

    private static readonly HashSet<string> ServerOnlyFiles = new(StringComparer.OrdinalIgnoreCase) { "catalog.4DCatalog", "directory.json" };

    public static async Task WriteAsync(HttpContext context)
    {
        if (PublishingEndpoints.Project(context) is not { } project)
        {
            await PublishingEndpoints.NoSuchProjectAsync(context).ConfigureAwait(false);
            return;
        }
        var relative = (string)context.Request.RouteValues["path"]!;
        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        if (!IPAddress.IsLoopback(address))
        {
            await PublishingEndpoints.ErrorAsync(context, StatusCodes.Status403Forbidden,
                $"project files are read-only from another machine ({ClientAccess.Canonical(address)}); development mode is for a client on the server's machine").ConfigureAwait(false);
            return;
        }
        if (ServerOnlyFiles.Contains(Path.GetFileName(relative)))
        {
            await PublishingEndpoints.ErrorAsync(context, StatusCodes.Status403Forbidden, $"{Path.GetFileName(relative)} is written by the server only").ConfigureAwait(false);
            return;
        }
        if (Target(project.Folder, relative) is not { } target)
        {
            await PublishingEndpoints.ErrorAsync(context, StatusCodes.Status400BadRequest,
                $"'{relative}' is not a file path inside the project folder (no '..', no absolute path, no link, nothing a package leaves out)").ConfigureAwait(false);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxFileSize;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        // Written beside the file, then renamed over it: the package builder never reads half a file.
        var temporary = Path.Combine(Path.GetDirectoryName(target)!, $".writing-{Guid.NewGuid():N}");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await context.Request.Body.CopyToAsync(file, context.RequestAborted).ConfigureAwait(false);
            }
            File.Move(temporary, target, overwrite: true);
        }
        catch (BadHttpRequestException e)
        {
            File.Delete(temporary);
            await PublishingEndpoints.ErrorAsync(context, e.StatusCode, $"the file was not written: {e.Message} (at most {MaxFileSize / (1024 * 1024)} MB)").ConfigureAwait(false);
            return;
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        var package = await project.ReloadAsync(context.RequestAborted).ConfigureAwait(false);
        await context.Response.WriteAsJsonAsync(new { written = relative, version = package.Version }, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The full path of <paramref name="relative"/> under <paramref name="folder"/>, or null when it would leave the folder,
    /// pass through a link, or land where a package does not look.</summary>
    private static string? Target(string folder, string relative)
    {
        var normalized = relative.Replace('\\', '/');
        if (normalized.Length == 0 || normalized.StartsWith('/') || normalized.Contains('\0', StringComparison.Ordinal)
            || normalized.Split('/').Any(segment => segment is "" or "." or "..") || PackageContents.IsLeftOut(normalized))
        {
            return null;
        }
        var target = Path.GetFullPath(Path.Combine(folder, normalized));
        if (!target.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return null;
        }
        // A link on the way could point anywhere: refuse rather than write through it.
        for (var path = target; path.Length > folder.Length; path = Path.GetDirectoryName(path)!)
        {
            if (new FileInfo(path).LinkTarget is not null)
            {
                return null;
            }
        }
        return target;
    }
}
