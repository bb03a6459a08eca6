using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Modular.Testing;

namespace Modular.Host.Tests.Admin;

/// <summary>Listener settings changed while running: the listeners move without cutting requests in flight, or nothing changes.</summary>
public sealed class ListenerMoveTests : AdminTests
{
    private Task<HttpResponseMessage> ChangeAsync(string json) =>
        Admin.PatchAsync("/settings", new StringContent(json, Encoding.UTF8, "application/json"));

    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Http_port_moves_while_a_long_request_on_the_old_port_completes()
    {
        await using var server = await StartWithAdminAsync("--pluginsFolder", Folder.PluginsWith("probe"));
        var slow = server.Client.GetStringAsync("/slow?ms=2000");
        await Task.Delay(300);
        var newPort = FreePort.Next();

        using var change = await ChangeAsync($$"""{ "HTTPPort": {{Text(newPort)}} }""");

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        using var moved = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Text(newPort)}") };
        Assert.Equal("<p>page</p>", await moved.GetStringAsync("/page.html"));
        Assert.Equal([new Uri($"http://127.0.0.1:{Text(newPort)}/")], server.Server.Addresses);
        Assert.Equal("done", await slow);
        using var probe = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => probe.ConnectAsync(IPAddress.Loopback, server.Port));
    }

    [Fact]
    public async Task Setting_of_the_same_port_rebinds_in_place()
    {
        await using var server = await StartWithAdminAsync();
        using var change = await ChangeAsync("""{ "keepAliveTimeout": 5 }""");
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Equal("<p>page</p>", await server.Client.GetStringAsync("/page.html"));
        Assert.Equal(5, (int)(await Admin.GetFromJsonAsync<JsonNode>("/settings/keepAliveTimeout"))!["value"]!);
    }

    [Fact]
    public async Task Move_to_a_busy_port_is_refused_whole_and_the_old_listener_keeps_serving()
    {
        await using var server = await StartWithAdminAsync();
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var busy = ((IPEndPoint)holder.LocalEndpoint).Port;

        using var change = await ChangeAsync($$"""{ "HTTPPort": {{Text(busy)}}, "characterSet": "ISO-8859-1" }""");

        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
        var errors = (JsonArray)(await change.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!;
        Assert.Contains("already in use", (string)errors[0]!, StringComparison.Ordinal);
        using var response = await server.Client.GetAsync("/page.html");
        Assert.Equal("text/html; charset=UTF-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(server.Port, (int)(await Admin.GetFromJsonAsync<JsonNode>("/settings/HTTPPort"))!["value"]!);
    }
}
