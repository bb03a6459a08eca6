using System.Globalization;
using Modular.Testing;

namespace Modular.Host.Tests.Admin;

/// <summary><c>modular settings get|set</c> and <c>modular server stop|start|status</c>, run as the real executable against a running server.</summary>
public sealed class RemoteCommandTests : AdminTests
{

    /// <summary>Runs modular from another folder, so only the given arguments say where the server is.</summary>
    private Task<ModularProcess.Result> RunAsync(params string[] arguments)
    {
        var elsewhere = Directory.CreateDirectory(Folder.Combine("elsewhere")).FullName;
        return ModularProcess.RunAsync(elsewhere, arguments);
    }

    [Fact]
    public async Task Settings_set_changes_the_running_server_and_get_shows_it()
    {
        var server = await StartWithAdminAsync();
        await using var _ = server;

        var set = await RunAsync("settings", "set", "characterSet", "ISO-8859-1", "--adminAddress", AdminAddress);
        var get = await RunAsync("settings", "get", "characterSet", "--adminAddress", AdminAddress);

        Assert.Equal((0, "applied: characterSet\n"), (set.ExitCode, set.Output));
        Assert.Equal((0, "characterSet = ISO-8859-1   (set through the admin API; a change applies at NextRequest)\n"), (get.ExitCode, get.Output));
        using var response = await server.Client.GetAsync("/page.html");
        Assert.Equal("text/html; charset=ISO-8859-1", response.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task Settings_set_with_a_bad_value_exits_1_with_the_server_s_message()
    {
        var server = await StartWithAdminAsync();
        await using var _ = server;
        var set = await RunAsync("settings", "set", "staticCacheSize", "0", "--adminAddress", AdminAddress);
        Assert.Equal(1, set.ExitCode);
        Assert.Contains("core: staticCacheSize = '0' (set through the admin API): must be 1..2048 MB", set.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_stop_status_and_start_drive_the_web_server()
    {
        var server = await StartWithAdminAsync();
        await using var _ = server;

        Assert.Equal((0, "web server stopped\n"), Pair(await RunAsync("server", "stop", "--adminAddress", AdminAddress)));
        Assert.Equal((0, "stopped\n"), Pair(await RunAsync("server", "status", "--adminAddress", AdminAddress)));
        Assert.Equal((0, "web server started\n"), Pair(await RunAsync("server", "start", "--adminAddress", AdminAddress)));
        Assert.Equal("<p>page</p>", await server.Client.GetStringAsync("/page.html"));
        var status = await RunAsync("server", "status", "--adminAddress", AdminAddress);
        Assert.Equal($"running: http://127.0.0.1:{server.Port}/\n", status.Output);
    }

    [Fact]
    public async Task Token_comes_from_the_same_settings_and_a_wrong_one_is_refused()
    {
        const string token = "a-token-of-sixteen-or-more";
        var server = await StartWithAdminAsync("--adminToken", token);
        await using var _ = server;

        var right = await RunAsync("server", "status", "--adminAddress", AdminAddress, "--adminToken", token);
        var wrong = await RunAsync("server", "status", "--adminAddress", AdminAddress, "--adminToken", token + "-wrong");

        Assert.Equal(0, right.ExitCode);
        Assert.Equal(1, wrong.ExitCode);
        Assert.Contains("missing or wrong bearer token", wrong.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_server_at_the_address_exits_1_saying_so()
    {
        var result = await RunAsync("server", "status", "--adminAddress", "127.0.0.1:" + FreePort.Next().ToString(CultureInfo.InvariantCulture));
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("No answer from the admin API at http://127.0.0.1:", result.Errors, StringComparison.Ordinal);
    }

    private static (int, string) Pair(ModularProcess.Result result) => (result.ExitCode, result.Output);
}
