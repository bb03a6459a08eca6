using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Modular.Testing;

namespace Modular.Plugins.Sessions.Tests;

/// <summary>The operators' endpoints the plugin adds to the admin API: the count of sessions, and ending one, for both stores.</summary>
public sealed class SessionAdminTests : RedisTests
{
    private async Task<(TestServer Server, HttpClient Admin)> StartAsync(bool inRedis)
    {
        var address = "127.0.0.1:" + FreePort.Next().ToString(CultureInfo.InvariantCulture);
        string[] store = inRedis ? RedisStore : [];
        var server = await SessionSite.StartAsync(Folder, null, ["--adminAddress", address, .. store]);
        return (server, new HttpClient { BaseAddress = server.Server.AdminAddress });
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Count_tells_the_live_sessions_and_ending_one_gives_its_cookie_a_new_session(bool inRedis)
    {
        var (server, admin) = await StartAsync(inRedis);
        await using var _ = server;
        using var __ = admin;
        using var client = SessionSite.Client(server);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(SessionSite.IdOf((await SessionSite.GetAsync(client, "/session/set?key=a&value=1")).SetCookie));
        }
        await SessionSite.GetAsync(client, "/plain");

        var count = await admin.GetFromJsonAsync<JsonObject>("/plugins/sessions/sessions");
        Assert.Equal(inRedis ? "redis" : "memory", (string?)count!["store"]);
        Assert.Equal(3, (int)count["count"]!);

        using var ended = await admin.DeleteAsync($"/plugins/sessions/sessions/{ids[0]}");
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal(2, (int)(await admin.GetFromJsonAsync<JsonObject>("/plugins/sessions/sessions"))!["count"]!);
        var (body, setCookie) = await SessionSite.GetAsync(client, "/session/get?key=a", ids[0]);
        Assert.Equal("(none)", body);
        Assert.NotEqual(ids[0], SessionSite.IdOf(setCookie));

        using var again = await admin.DeleteAsync($"/plugins/sessions/sessions/{ids[0]}");
        using var malformed = await admin.DeleteAsync("/plugins/sessions/sessions/not-an-id");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains(ids[0], await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("32 lowercase hexadecimal digits", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_list_shows_each_live_session_with_its_client_the_most_recently_used_first(bool inRedis)
    {
        var (server, admin) = await StartAsync(inRedis);
        await using var _ = server;
        using var __ = admin;
        using var client = SessionSite.Client(server);
        var first = SessionSite.IdOf((await SessionSite.GetAsync(client, "/session/set?key=a&value=1")).SetCookie);
        var second = SessionSite.IdOf((await SessionSite.GetAsync(client, "/session/set?key=a&value=2")).SetCookie);
        await Task.Delay(20);
        await SessionSite.GetAsync(client, "/session/get?key=a", first);

        var list = await admin.GetFromJsonAsync<JsonObject>("/plugins/sessions/sessions/list");
        await admin.DeleteAsync($"/plugins/sessions/sessions/{first}");
        var after = await admin.GetFromJsonAsync<JsonObject>("/plugins/sessions/sessions/list");

        var sessions = list!["sessions"]!.AsArray();
        Assert.Equal([first, second], sessions.Select(session => (string)session!["id"]!));
        Assert.All(sessions, session => Assert.Equal("127.0.0.1", (string?)session!["clientAddress"]));
        Assert.True((DateTimeOffset)sessions[0]!["lastAccess"]! > (DateTimeOffset)sessions[0]!["created"]!);
        Assert.False((bool)list["truncated"]!);
        Assert.Equal([second], after!["sessions"]!.AsArray().Select(session => (string)session!["id"]!));
    }

    [Fact]
    public async Task The_endpoints_answer_503_while_the_web_server_is_stopped_or_Redis_is_away()
    {
        var (server, admin) = await StartAsync(inRedis: true);
        await using var _ = server;
        using var __ = admin;

        await Redis.StopAsync();
        using var redisAway = await admin.GetAsync("/plugins/sessions/sessions");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, redisAway.StatusCode);
        Assert.Contains(Redis.Configuration, await redisAway.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        (await admin.PostAsync("/server/stop", null)).Dispose();
        using var stopped = await admin.GetAsync("/plugins/sessions/sessions");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stopped.StatusCode);
        Assert.Contains("the web server is stopped", await stopped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_endpoints_follow_the_admin_API_s_token()
    {
        var address = "127.0.0.1:" + FreePort.Next().ToString(CultureInfo.InvariantCulture);
        await using var server = await SessionSite.StartAsync(Folder, null, "--adminAddress", address, "--adminToken", "s3cret-token-of-the-operator");
        using var admin = new HttpClient { BaseAddress = server.Server.AdminAddress };

        using var refused = await admin.GetAsync("/plugins/sessions/sessions");
        admin.DefaultRequestHeaders.Authorization = new("Bearer", "s3cret-token-of-the-operator");
        using var allowed = await admin.GetAsync("/plugins/sessions/sessions");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task The_sessions_held_in_memory_are_a_metric_on_the_admin_listener()
    {
        // In a process of its own: meters are one per process, and the other tests' servers share this one's.
        var address = "127.0.0.1:" + FreePort.Next().ToString(CultureInfo.InvariantCulture);
        using var server = await ServerProcess.StartAsync(Folder, null, "--adminAddress", address, "--pluginsFolder", Folder.PluginsWith("sessions", "sessionapp"));
        // No cookie jar: each request comes without a session and makes one.
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = server.Client.BaseAddress };
        using var admin = new HttpClient { BaseAddress = new Uri("http://" + address) };
        for (var i = 0; i < 3; i++)
        {
            (await client.GetAsync("/session/info")).Dispose();
        }

        var scrape = await admin.GetStringAsync("/metrics");

        Assert.Equal("modular_sessions_open{otel_scope_name=\"Modular.Plugins.sessions\"} 3", scrape.Split('\n').SingleOrDefault(line => line.StartsWith("modular_sessions_open", StringComparison.Ordinal)));
    }
}
