using System.Globalization;
using Modular.Testing;

namespace Modular.Plugins.ProjectServer.Tests;

/// <summary>The plugin's verbs on the real <c>modular</c> command line: <c>remote available|connect|recent|open</c>, <c>project reload</c>.</summary>
public sealed class CommandLineTests : FolderTests
{
    [Fact]
    public async Task A_client_finds_connects_lists_and_reopens_and_an_operator_reloads()
    {
        ProjectSite.WriteProject(Folder);
        await using var server = await ProjectSite.StartAsync(Folder);
        var port = server.OtherPorts[0].ToString(CultureInfo.InvariantCulture);

        var available = await RunAsync(server, "remote", "available", "--to", "127.0.0.1", "--port", port, "--wait", "2");
        var connect = await RunAsync(server, "remote", "connect", $"127.0.0.1:{port}", "--name", "Local");
        var recent = await RunAsync(server, "remote", "recent");
        Folder.Write("MyApp/Sources/Methods/hello.4dm", "ALERT(\"reloaded\")");
        var reload = await RunAsync(server, "project", "reload", "MyApp");
        var reopen = await RunAsync(server, "remote", "open", Folder.Combine("client", "modular", "recent", "Local.4DLink"));

        Assert.Matches($"^MyApp\t127\\.0\\.0\\.1:{port}\t[0-9a-f]{{16}}\n$", available.Output);
        Assert.Equal(0, connect.ExitCode);
        Assert.StartsWith($"connected to MyApp ", connect.Output, StringComparison.Ordinal);
        Assert.Contains($"at 127.0.0.1:{port} (development mode): {Folder.Combine("client", "modular", "remote")}", connect.Output, StringComparison.Ordinal);
        Assert.Equal($"Local\tMyApp\t127.0.0.1:{port}\n", recent.Output);
        Assert.True(reload.ExitCode == 0, reload.Errors);
        // The watcher may have rebuilt the package before the command ran: either way the version is the changed one.
        var first = connect.Output.Split(' ')[3];
        Assert.Matches("^MyApp: version [0-9a-f]{16} \\((new|unchanged)\\)\n$", reload.Output);
        Assert.NotEqual(first, reload.Output.Split(' ')[2]);
        Assert.Equal(0, reopen.ExitCode);
        var reopened = reopen.Output.Split(": ")[1].Split(';')[0];
        Assert.Equal("ALERT(\"reloaded\")", File.ReadAllText(Path.Combine(reopened, "Sources", "Methods", "hello.4dm")));
    }

    [Theory]
    [InlineData(2, "modular remote: HOST[:PORT] is missing", "remote", "connect")]
    [InlineData(2, "modular remote: '--colour blue' is not understood here", "remote", "recent", "--colour", "blue")]
    [InlineData(2, "modular remote: --wait 'soon' is not a whole number from 1 to 600", "remote", "available", "--wait", "soon")]
    [InlineData(1, "is not an XML file", "remote", "open", "not-a-link.4DLink")]
    [InlineData(2, "usage: modular project reload NAME", "project", "rename", "MyApp")]
    public async Task Wrong_usage_and_bad_files_are_refused_with_the_reason(int exitCode, string message, params string[] arguments)
    {
        ProjectSite.WriteProject(Folder);
        Folder.Write("not-a-link.4DLink", "plain text");
        await using var server = await ProjectSite.StartAsync(Folder);

        var result = await RunAsync(server, arguments);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(message, result.Errors, StringComparison.Ordinal);
    }

    /// <summary>Runs <c>modular</c> as a user would beside the server: the settings file names the plugins, the environment the
    /// user's data folder and the admin API.</summary>
    private Task<ModularProcess.Result> RunAsync(TestServer server, params string[] arguments) =>
        ModularProcess.RunAsync(Folder.Path, arguments, environment: new Dictionary<string, string>
        {
            ["XDG_DATA_HOME"] = Folder.Combine("client"),
            ["MODULAR_pluginsFolder"] = Folder.Combine("plugins"),
            ["MODULAR_adminAddress"] = server.Server.AdminAddress!.Authority,
        });
}
