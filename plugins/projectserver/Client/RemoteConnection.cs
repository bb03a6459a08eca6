using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Modular.Plugins.ProjectServer.Client;

/// <summary>A connection made by <see cref="RemoteConnection.ConnectAsync"/>: the session, the version, where it was unpacked, the link written.</summary>
/// <param name="Certificate">The SHA-256 of the server's certificate over TLS (recorded in the link), or null over plain HTTP.</param>
public sealed record ConnectedProject(string Project, string Session, string Version, string Folder, string LinkFile, bool DevelopmentMode, Uri Service, string? Certificate);

/// <summary>A remote client's side of a connection: opens it, downloads the package (resuming a partial download), checks its
/// SHA-256, unpacks it read-only into the cache, and records the connection as a <c>.4DLink</c> in the recent folder.</summary>
public static class RemoteConnection
{
    /// <summary>Connects to <paramref name="project"/> on the server at <paramref name="address"/>; with no project named, to the
    /// server's only one. Over TLS when the server speaks it (see <see cref="ServerChannel"/>).</summary>
    /// <param name="pinnedCertificate">The certificate a link recorded: only it is accepted, and plain HTTP is refused.</param>
    /// <param name="progress">Bytes received so far and the package's size, as the download goes.</param>
    /// <exception cref="RemoteException">The server refused, the project is unknown or ambiguous, or the package did not check out.</exception>
    public static async Task<ConnectedProject> ConnectAsync(Uri address, string? project, string? localName, RemoteFolders folders, string? pinnedCertificate,
        IProgress<(long Received, long Size)>? progress, CancellationToken cancellationToken)
    {
        var (channel, listed) = await ServerChannel.OpenAsync(address, pinnedCertificate, cancellationToken).ConfigureAwait(false);
        using var _ = channel;
        using (listed)
        {
            project ??= await OnlyProjectAsync(listed, address, cancellationToken).ConfigureAwait(false);
        }
        var http = channel.Http;
        var service = channel.Service;
        using var opened = await http.PostAsJsonAsync(new Uri(service, $"projects/{Uri.EscapeDataString(project)}/connections"),
            new { userName = Environment.UserName, machineName = Environment.MachineName }, cancellationToken).ConfigureAwait(false);
        var connection = await ReadAsync(opened, $"connect to {project} at {ServerAddress.Describe(service)}", cancellationToken).ConfigureAwait(false);
        var session = (string)connection["session"]!;
        var version = (string)connection["version"]!;
        var sha256 = (string)connection["sha256"]!;
        var size = (long)connection["size"]!;
        var serverFolder = Path.Combine(folders.Cache, SafeName($"{service.Host}_{service.Port.ToString(CultureInfo.InvariantCulture)}"), SafeName(project));
        var unpacked = Path.Combine(serverFolder, version);
        if (!Directory.Exists(unpacked))
        {
            var package = Path.Combine(serverFolder, version + ".4dz");
            await DownloadAsync(http, new Uri(service, (string)connection["package"]!), session, package, sha256, size, progress, cancellationToken).ConfigureAwait(false);
            Unpack(package, unpacked);
            File.Delete(package);
        }
        var link = Path.Combine(folders.Recent, SafeName(localName ?? project) + LinkFile.Extension);
        new LinkFile(project, ServerAddress.Describe(service), channel.Certificate).Write(link);
        return new ConnectedProject(project, session, version, unpacked, link, (bool?)connection["developmentMode"] ?? false, service, channel.Certificate);
    }

    /// <summary>Downloads into <c>.part</c> beside <paramref name="target"/>, resuming what an interrupted download left (If-Range:
    /// only if the package is the same); a result that does not match <paramref name="sha256"/> is discarded and fetched whole once more.</summary>
    private static async Task DownloadAsync(HttpClient http, Uri package, string session, string target, string sha256, long size,
        IProgress<(long Received, long Size)>? progress, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".part";
        for (var attempt = 0; ; attempt++)
        {
            var have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
            if (have > size)
            {
                File.Delete(partial);
                have = 0;
            }
            using var request = new HttpRequestMessage(HttpMethod.Get, package);
            request.Headers.Add("Modular-Session", session);
            if (have > 0)
            {
                request.Headers.Range = new RangeHeaderValue(have, null);
                request.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue($"\"{sha256}\""));
            }
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode && response.StatusCode != HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                await ReadAsync(response, "download the package", cancellationToken).ConfigureAwait(false);
            }
            var append = response.StatusCode == HttpStatusCode.PartialContent;
            if (response.StatusCode != HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                await using var file = new FileStream(partial, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                var buffer = new byte[1 << 16];
                var received = append ? have : 0;
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    received += read;
                    progress?.Report((received, size));
                }
            }
            if (await HashAsync(partial, cancellationToken).ConfigureAwait(false) == sha256)
            {
                File.Move(partial, target, overwrite: true);
                return;
            }
            File.Delete(partial);
            if (attempt > 0)
            {
                throw new RemoteException($"the package of {package} does not match its SHA-256 {sha256} even downloaded whole; try again later");
            }
        }
    }

    /// <summary>Unpacks into <paramref name="folder"/> read-only (4D: a remote's structure files are read-only), whole or not at all.</summary>
    private static void Unpack(string package, string folder)
    {
        var unpacking = folder + ".unpacking";
        if (Directory.Exists(unpacking))
        {
            // Left by an interrupted unpacking, perhaps made read-only already.
            SetFolderModes(unpacking, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.Delete(unpacking, recursive: true);
        }
        try
        {
            // ExtractToDirectory refuses entries that would land outside the folder ("../x").
            ZipFile.ExtractToDirectory(package, unpacking);
        }
        catch (InvalidDataException e)
        {
            throw new RemoteException($"the package {package} is not a valid zip: {e.Message}");
        }
        MakeReadOnly(unpacking);
        Directory.Move(unpacking, folder);
    }

    private static void MakeReadOnly(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            if (OperatingSystem.IsWindows())
            {
                File.SetAttributes(file, FileAttributes.ReadOnly);
            }
            else
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }
        }
        SetFolderModes(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    /// <summary>Folders can be made read-only on Unix only; on Windows the files' read-only attribute is what protects them.</summary>
    private static void SetFolderModes(string folder, UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        foreach (var directory in Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories).Append(folder))
        {
            File.SetUnixFileMode(directory, mode);
        }
    }

    private static async Task<string> OnlyProjectAsync(HttpResponseMessage listed, Uri service, CancellationToken cancellationToken)
    {
        var names = (await ReadAsync(listed, $"list the projects at {ServerAddress.Describe(service)}", cancellationToken).ConfigureAwait(false))["projects"]!
            .AsArray().Select(project => (string)project!["name"]!).ToList();
        return names.Count == 1
            ? names[0]
            : throw new RemoteException(names.Count == 0
                ? $"{ServerAddress.Describe(service)} publishes no project"
                : $"{ServerAddress.Describe(service)} publishes {string.Join(", ", names)}: name one with --project");
    }

    /// <summary>The answer's JSON; a refusal becomes a <see cref="RemoteException"/> carrying the server's own message.</summary>
    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        JsonNode? body = null;
        try
        {
            body = await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken).ConfigureAwait(false);
        }
        catch (System.Text.Json.JsonException)
        {
        }
        if (response.IsSuccessStatusCode && body is JsonObject answer)
        {
            return answer;
        }
        throw new RemoteException($"could not {what}: {(int)response.StatusCode} {Errors(body, response)}");
    }

    /// <summary>The server's own message: its <c>{"errors": [...]}</c> joined, or the status's reason phrase.</summary>
    internal static string? Errors(JsonNode? body, HttpResponseMessage response) =>
        body?["errors"] is JsonArray list ? string.Join("; ", list.Select(error => (string?)error)) : response.ReasonPhrase;

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>A name usable as one folder or file name: what a server names is not trusted to be one.</summary>
    private static string SafeName(string name)
    {
        var safe = string.Concat(name.Select(character => char.IsLetterOrDigit(character) || character is '-' or '_' or '.' ? character : '_')).Trim('.');
        return safe.Length == 0 ? "_" : safe;
    }
}
