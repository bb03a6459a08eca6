using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Modular.Abstractions;
using Modular.Plugins.ProjectServer.Client;

namespace Modular.Plugins.ProjectServer.CommandLine;

/// <summary><c>modular remote available|connect|recent|open</c> (a remote client, 4D's Open Remote Project dialog) and
/// <c>modular project reload NAME</c> (through the running server's admin API).</summary>
internal static class RemoteVerbs
{
    private const string RemoteUsage = """
        usage: modular remote available [--wait SECONDS] [--port PORT] [--to ADDRESS]...
               modular remote connect HOST[:PORT] [--project NAME] [--name LOCAL]
               modular remote recent
               modular remote open FILE.4DLink
        """;

    public static IReadOnlyList<CommandLineVerb> All(Func<RemoteFolders> folders) =>
    [
        new("remote", "Find published projects, connect to one (download, check, unpack read-only), list and reopen recent connections.",
            (call, cancellationToken) => RemoteAsync(call, folders(), cancellationToken)),
        new("project", "Reload a published project on the running server now: 'modular project reload NAME'.", ProjectAsync),
    ];

    private static async Task<int> RemoteAsync(ICommandLineCall call, RemoteFolders folders, CancellationToken cancellationToken)
    {
        var words = new Words(call.Arguments);
        try
        {
            return words.Next() switch
            {
                "available" => await AvailableAsync(call, words, cancellationToken).ConfigureAwait(false),
                "connect" => await ConnectAsync(call, words.Required("HOST[:PORT]"), words, folders, null, cancellationToken).ConfigureAwait(false),
                "recent" => Recent(call, words, folders),
                "open" => await OpenAsync(call, words, folders, cancellationToken).ConfigureAwait(false),
                var other => throw new UsageException(other is null ? "say what to do" : $"'{other}' is not a remote command"),
            };
        }
        catch (UsageException e)
        {
            await call.Errors.WriteLineAsync($"modular remote: {e.Message}\n{RemoteUsage}").ConfigureAwait(false);
            return 2;
        }
        catch (Exception e) when (e is RemoteException or HttpRequestException or InvalidDataException or IOException or FormatException)
        {
            await call.Errors.WriteLineAsync($"modular remote: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task<int> AvailableAsync(ICommandLineCall call, Words words, CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromSeconds(words.Number("--wait", 3, 1, 600));
        var port = words.Number("--port", ServerAddress.DefaultPort, 1, 65535);
        var targets = words.All("--to").Select(ParseAddress).ToList();
        words.End();
        var found = 0;
        await foreach (var project in ServerDiscovery.SearchAsync(port, wait, targets, cancellationToken).ConfigureAwait(false))
        {
            found++;
            // Printed as it arrives: the list grows while servers answer, in order of appearance.
            await call.Output.WriteLineAsync($"{project.Shown}\t{project.Address}:{project.Port.ToString(CultureInfo.InvariantCulture)}\t{project.Version}").ConfigureAwait(false);
            await call.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        if (found == 0)
        {
            await call.Errors.WriteLineAsync($"no server answered on port {port.ToString(CultureInfo.InvariantCulture)} within {wait.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s").ConfigureAwait(false);
        }
        return 0;
    }

    private static async Task<int> ConnectAsync(ICommandLineCall call, string address, Words words, RemoteFolders folders, string? pinnedCertificate, CancellationToken cancellationToken)
    {
        var project = words.Option("--project");
        var name = words.Option("--name");
        words.End();
        var bar = new ProgressBar(call.Errors);
        var connected = await RemoteConnection.ConnectAsync(ServerAddress.Parse(address), project, name, folders, pinnedCertificate, bar, cancellationToken).ConfigureAwait(false);
        bar.Finish();
        var encrypted = connected.Certificate is null ? "" : $" (TLS, certificate SHA-256 {connected.Certificate})";
        await call.Output.WriteLineAsync($"connected to {connected.Project} {connected.Version} at {ServerAddress.Describe(connected.Service)}" +
            $"{encrypted}{(connected.DevelopmentMode ? " (development mode)" : "")}: {connected.Folder}; link {connected.LinkFile}").ConfigureAwait(false);
        return 0;
    }

    private static int Recent(ICommandLineCall call, Words words, RemoteFolders folders)
    {
        words.End();
        if (!Directory.Exists(folders.Recent))
        {
            return 0;
        }
        foreach (var path in Directory.GetFiles(folders.Recent, "*" + LinkFile.Extension).Order(StringComparer.Ordinal))
        {
            try
            {
                var link = LinkFile.Read(path);
                call.Output.WriteLine($"{Path.GetFileNameWithoutExtension(path)}\t{link.ServerDatabaseName}\t{link.ServerPath}");
            }
            catch (InvalidDataException e)
            {
                call.Errors.WriteLine($"skipped: {e.Message}");
            }
        }
        return 0;
    }

    private static async Task<int> OpenAsync(ICommandLineCall call, Words words, RemoteFolders folders, CancellationToken cancellationToken)
    {
        var path = words.Required("FILE.4DLink");
        words.End();
        var link = LinkFile.Read(Path.GetFullPath(path));
        return await ConnectAsync(call, link.ServerPath, new Words(["--project", link.ServerDatabaseName, "--name", Path.GetFileNameWithoutExtension(path)]), folders,
            link.ServerCertificateSha256, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> ProjectAsync(ICommandLineCall call, CancellationToken cancellationToken)
    {
        var words = new Words(call.Arguments);
        string name;
        try
        {
            if (words.Next() != "reload")
            {
                throw new UsageException("the one project command is reload");
            }
            name = words.Required("NAME");
            words.End();
        }
        catch (UsageException e)
        {
            await call.Errors.WriteLineAsync($"modular project: {e.Message}\nusage: modular project reload NAME").ConfigureAwait(false);
            return 2;
        }
        using var admin = call.CreateAdminClient();
        if (admin is null)
        {
            return 2;
        }
        try
        {
            using var response = await admin.PostAsync($"plugins/projectserver/projects/{Uri.EscapeDataString(name)}/reload", null, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                await call.Errors.WriteLineAsync($"modular project: {RemoteConnection.Errors(body, response)}").ConfigureAwait(false);
                return 1;
            }
            await call.Output.WriteLineAsync($"{body!["name"]}: version {body["version"]} ({((bool)body["changed"]! ? "new" : "unchanged")})").ConfigureAwait(false);
            return 0;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            await call.Errors.WriteLineAsync($"modular project: no answer from the admin API at {admin.BaseAddress}: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static IPAddress ParseAddress(string text) =>
        IPAddress.TryParse(text, out var address) ? address : throw new UsageException($"--to '{text}' is not an IP address");
}
