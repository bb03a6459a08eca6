using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Modular.Testing;

namespace Modular.Host.Tests.Admin;

/// <summary>4D's WEB STOP SERVER / WEB START SERVER through the admin API, and launchAtStartup.</summary>
public sealed class WebServerControlTests : AdminTests
{

    private static async Task<bool> AcceptsConnectionsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task<JsonNode> PostAsync(HttpClient Admin, string path) =>
        (await (await Admin.PostAsync(path, null)).Content.ReadFromJsonAsync<JsonNode>())!;

    [Fact]
    public async Task Stopped_web_server_stops_listening_and_starts_again_on_request()
    {
        var server = await StartWithAdminAsync();
        await using var _ = server;

        var stop = await PostAsync(Admin, "/server/stop");
        Assert.True((bool)stop["success"]!);
        Assert.False(await AcceptsConnectionsAsync(server.Port));
        Assert.False((bool)(await Admin.GetFromJsonAsync<JsonNode>("/server"))!["running"]!);
        Assert.Empty(server.Server.Addresses);

        var start = await PostAsync(Admin, "/server/start");
        Assert.True((bool)start["success"]!);
        Assert.Empty((JsonArray)start["errors"]!);
        Assert.Equal("<p>page</p>", await server.Client.GetStringAsync("/page.html"));
        Assert.True((bool)(await Admin.GetFromJsonAsync<JsonNode>("/server"))!["running"]!);
    }

    [Fact]
    public async Task Start_while_running_fails_saying_so()
    {
        var server = await StartWithAdminAsync();
        await using var _ = server;
        using var response = await Admin.PostAsync("/server/start", null);
        var body = (await response.Content.ReadFromJsonAsync<JsonNode>())!;
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.False((bool)body["success"]!);
        Assert.Equal("the web server is already running; stop it first", (string)body["errors"]![0]!);
    }

    [Fact]
    public async Task Stop_lets_the_request_in_flight_finish()
    {
        var server = await StartWithAdminAsync("--pluginsFolder", Folder.PluginsWith("probe"));
        await using var _ = server;
        var slow = server.Client.GetStringAsync("/slow?ms=1500");
        await Task.Delay(300);

        var stop = await PostAsync(Admin, "/server/stop");

        Assert.True((bool)stop["success"]!);
        Assert.Equal("done", await slow);
    }

    [Fact]
    public async Task Settings_changed_while_stopped_apply_when_it_starts_again()
    {
        var server = await StartWithAdminAsync();
        await using var _ = server;
        await PostAsync(Admin, "/server/stop");
        using var change = await Admin.PatchAsync("/settings", new StringContent("""{ "characterSet": "ISO-8859-1" }""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        await PostAsync(Admin, "/server/start");
        using var response = await server.Client.GetAsync("/page.html");
        Assert.Equal("text/html; charset=ISO-8859-1", response.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task Launch_at_startup_false_waits_for_a_start_through_the_api()
    {
        var server = await StartWithAdminAsync("--launchAtStartup", "false");
        await using var _ = server;
        Assert.False(await AcceptsConnectionsAsync(server.Port));
        Assert.False(File.Exists(Folder.Combine("WebFolder", "index.html")));

        Assert.True((bool)(await PostAsync(Admin, "/server/start"))["success"]!);
        Assert.Equal("<p>page</p>", await server.Client.GetStringAsync("/page.html"));
    }

    [Fact]
    public async Task Launch_at_startup_false_without_an_admin_api_is_a_start_error()
    {
        var error = Assert.Single(await TestServer.StartFailsAsync(Folder, null, "--launchAtStartup", "false", "--adminAddress", "off"));
        Assert.StartsWith("core: adminAddress = 'off' (from command line --adminAddress): is off while launchAtStartup is false", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_when_stopped_says_it_was_not_running()
    {
        var server = await StartWithAdminAsync();
        await using var _ = server;
        await PostAsync(Admin, "/server/stop");
        using var again = await Admin.PostAsync("/server/stop", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("the web server is not running", (string)(await again.Content.ReadFromJsonAsync<JsonNode>())!["errors"]![0]!);
    }
}
