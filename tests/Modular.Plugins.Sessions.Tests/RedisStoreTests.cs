using System.Net;
using Microsoft.Extensions.Time.Testing;
using Modular.Testing;

namespace Modular.Plugins.Sessions.Tests;

/// <summary>sessionStore redis against a real redis-server: sessions shared by instances, one hash per session with its
/// expiry kept (and slid) in Redis, and an outage answered 503 for the requests that need a session, then healed.</summary>
public sealed class RedisStoreTests : RedisTests
{
    private Task<TestServer> StartAsync(TimeProvider? clock = null, params string[] settings) =>
        SessionSite.StartAsync(Folder, clock, [.. RedisStore, .. settings]);

    [Fact]
    public async Task A_session_written_through_one_instance_is_read_through_another()
    {
        await using var first = await StartAsync();
        await using var second = await StartAsync();
        using var toFirst = SessionSite.Client(first);
        using var toSecond = SessionSite.Client(second);
        var id = SessionSite.IdOf((await SessionSite.GetAsync(toFirst, "/session/set?key=cart&value=3 books")).SetCookie);

        var (body, setCookie) = await SessionSite.GetAsync(toSecond, "/session/get?key=cart", id);
        await SessionSite.GetAsync(toSecond, "/session/set?key=step&value=pay", id);

        Assert.Equal("3 books", body);
        Assert.Equal(id, SessionSite.IdOf(setCookie));
        Assert.Equal("cart=3 books,step=pay", (await SessionSite.GetAsync(toFirst, "/session/all", id)).Body);
    }

    [Fact]
    public async Task Each_session_is_one_hash_whose_expiry_Redis_keeps_and_each_use_renews()
    {
        await using var server = await StartAsync(null, "--inactiveSessionTimeout", "30");
        using var client = SessionSite.Client(server);
        var id = SessionSite.IdOf((await SessionSite.GetAsync(client, "/session/set?key=cart&value=1")).SetCookie);
        var key = $"{SessionSite.CookieName}:{id}";

        var fields = (await Redis.Inspect().HashGetAllAsync(key)).ToDictionary(field => (string)field.Name!, field => (string)field.Value!);
        Assert.Equal(["m:client", "m:created", "m:last", "v:cart"], fields.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("127.0.0.1", fields["m:client"]);
        Assert.InRange((await Redis.Inspect().KeyTimeToLiveAsync(key))!.Value, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(30));

        // As if the session had been idle for 29 minutes: one more use gives it 30 minutes again.
        await Redis.Inspect().KeyExpireAsync(key, TimeSpan.FromMinutes(1));
        await SessionSite.GetAsync(client, "/session/get?key=cart", id);
        Assert.InRange((await Redis.Inspect().KeyTimeToLiveAsync(key))!.Value, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(30));
    }

    [Fact]
    public async Task A_session_Redis_expired_gets_a_new_id_and_its_storage_is_gone()
    {
        await using var server = await StartAsync();
        using var client = SessionSite.Client(server);
        var id = SessionSite.IdOf((await SessionSite.GetAsync(client, "/session/set?key=cart&value=1")).SetCookie);
        await Redis.Inspect().KeyExpireAsync($"{SessionSite.CookieName}:{id}", TimeSpan.FromMilliseconds(1));
        await Task.Delay(50);

        var (body, setCookie) = await SessionSite.GetAsync(client, "/session/get?key=cart", id);

        Assert.Equal("(none)", body);
        Assert.NotEqual(id, SessionSite.IdOf(setCookie));
        Assert.False(await Redis.Inspect().KeyExistsAsync($"{SessionSite.CookieName}:{id}"));
    }

    [Fact]
    public async Task Parallel_writes_of_different_keys_through_two_instances_all_keep_their_write()
    {
        await using var first = await StartAsync();
        await using var second = await StartAsync();
        using var toFirst = SessionSite.Client(first);
        using var toSecond = SessionSite.Client(second);
        var id = SessionSite.IdOf((await SessionSite.GetAsync(toFirst, "/session/info")).SetCookie);

        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => SessionSite.GetAsync(i % 2 == 0 ? toFirst : toSecond, $"/session/set?key=k{i:00}&value={i}", id)));

        Assert.Equal(Enumerable.Range(0, 64).Select(i => $"k{i:00}={i}"), (await SessionSite.GetAsync(toSecond, "/session/all", id)).Body.Split(','));
    }

    [Fact]
    public async Task Idle_work_is_cancelled_by_the_shared_last_use_while_the_session_lives_on()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = await StartAsync(clock, "--inactiveProcessTimeout", "10");
        using var client = SessionSite.Client(server);
        var id = SessionSite.IdOf((await SessionSite.GetAsync(client, "/session/work")).SetCookie);
        await SessionSite.GetAsync(client, "/session/set?key=a&value=1", id);

        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("running", (await SessionSite.GetAsync(client, "/session/work-state", id)).Body);
        clock.Advance(TimeSpan.FromMinutes(11));

        // The sweep reads the last use from Redis: it is asynchronous there, so wait for it a little.
        var state = "";
        for (var i = 0; i < 100 && state != "cancelled"; i++)
        {
            await Task.Delay(50);
            state = (await SessionSite.GetAsync(client, "/session/work-state", id)).Body;
        }
        Assert.Equal("cancelled", state);
        Assert.Equal("1", (await SessionSite.GetAsync(client, "/session/get?key=a", id)).Body);
    }

    [Fact]
    public async Task Redis_away_gets_503_for_session_requests_only_and_the_plugin_reconnects_by_itself()
    {
        using var server = await ServerProcess.StartAsync(Folder, null, ["--pluginsFolder", Folder.PluginsWith("sessions", "sessionapp"), .. RedisStore]);
        var client = server.Client;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/session/info")).StatusCode);

        await Redis.StopAsync();
        using var refused = await client.GetAsync("/session/set?key=a&value=1");
        using var plain = await client.GetAsync("/plain");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("5", refused.Headers.RetryAfter?.ToString());
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        var line = await server.Process.WaitForLineAsync("needs its session and the session store cannot be reached");
        Assert.Contains(Redis.Configuration, server.Process.Output, StringComparison.Ordinal);
        Assert.Contains("/session/set", line, StringComparison.Ordinal);

        await Redis.RestartAsync();
        Assert.Equal(HttpStatusCode.OK, (await Polling.UntilStatusAsync(client, "/session/set?key=a&value=2", HttpStatusCode.OK, 20)).Status);
        await server.Process.WaitForLineAsync("is reachable again");
    }

    [Fact]
    public async Task Redis_down_at_start_does_not_stop_the_server_and_sessions_work_once_it_is_up()
    {
        await Redis.StopAsync();
        await using var server = await StartAsync();
        using var client = SessionSite.Client(server);
        using (var refused = await client.GetAsync("/session/info"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }
        Assert.Equal("plain", await client.GetStringAsync("/plain"));

        await Redis.RestartAsync();
        Assert.Equal(HttpStatusCode.OK, (await Polling.UntilStatusAsync(client, "/session/info", HttpStatusCode.OK, 20)).Status);
    }
}
