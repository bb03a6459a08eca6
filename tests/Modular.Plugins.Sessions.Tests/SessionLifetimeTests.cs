using Microsoft.Extensions.Time.Testing;
using Modular.Testing;

namespace Modular.Plugins.Sessions.Tests;

/// <summary>A session's storage, shared by its requests, and its end: idle sessions expire, idle work is cancelled first.</summary>
public sealed class SessionLifetimeTests : FolderTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Requests_carrying_the_cookie_share_one_session_and_its_storage()
    {
        await using var server = await SessionSite.StartAsync(Folder, clock);
        using var client = SessionSite.Client(server);
        var id = SessionSite.IdOf((await SessionSite.GetAsync(client, "/session/set?key=cart&value=3 books")).SetCookie);

        var (body, setCookie) = await SessionSite.GetAsync(client, "/session/get?key=cart", id);

        Assert.Equal("3 books", body);
        Assert.Equal(id, SessionSite.IdOf(setCookie));
        Assert.Equal("(none)", (await SessionSite.GetAsync(client, "/session/get?key=cart")).Body);
    }

    [Fact]
    public async Task Parallel_requests_of_one_session_writing_different_keys_all_keep_their_write()
    {
        await using var server = await SessionSite.StartAsync(Folder, clock);
        using var client = SessionSite.Client(server);
        var id = SessionSite.IdOf((await SessionSite.GetAsync(client, "/session/info")).SetCookie);

        await Task.WhenAll(Enumerable.Range(0, 64).Select(i => SessionSite.GetAsync(client, $"/session/set?key=k{i:00}&value={i}", id)));

        var all = (await SessionSite.GetAsync(client, "/session/all", id)).Body.Split(',');
        Assert.Equal(Enumerable.Range(0, 64).Select(i => $"k{i:00}={i}"), all);
    }

    [Fact]
    public async Task Info_tells_creation_and_last_access_on_the_server_clock()
    {
        await using var server = await SessionSite.StartAsync(Folder, clock);
        using var client = SessionSite.Client(server);
        var id = SessionSite.IdOf((await SessionSite.GetAsync(client, "/session/info")).SetCookie);
        clock.Advance(TimeSpan.FromMinutes(5));

        var parts = (await SessionSite.GetAsync(client, "/session/info", id)).Body.Split('|');

        Assert.Equal(clock.Start, DateTimeOffset.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(clock.Start.AddMinutes(5), DateTimeOffset.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_session_idle_for_inactiveSessionTimeout_ends_and_its_cookie_gets_a_new_session()
    {
        await using var server = await SessionSite.StartAsync(Folder, clock, "--inactiveSessionTimeout", "60");
        using var client = SessionSite.Client(server);
        var id = SessionSite.IdOf((await SessionSite.GetAsync(client, "/session/set?key=a&value=1")).SetCookie);

        clock.Advance(TimeSpan.FromMinutes(61));
        var (body, setCookie) = await SessionSite.GetAsync(client, "/session/get?key=a", id);

        Assert.Equal("(none)", body);
        Assert.NotEqual(id, SessionSite.IdOf(setCookie));
    }

    [Fact]
    public async Task Each_use_slides_the_session_lifetime()
    {
        await using var server = await SessionSite.StartAsync(Folder, clock, "--inactiveSessionTimeout", "60");
        using var client = SessionSite.Client(server);
        var id = SessionSite.IdOf((await SessionSite.GetAsync(client, "/session/set?key=a&value=1")).SetCookie);

        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(45));
            var (body, setCookie) = await SessionSite.GetAsync(client, "/session/get?key=a", id);
            Assert.Equal("1", body);
            Assert.Equal(id, SessionSite.IdOf(setCookie));
        }
    }

    [Fact]
    public async Task Work_of_a_session_idle_for_inactiveProcessTimeout_is_cancelled_while_the_session_lives_on()
    {
        await using var server = await SessionSite.StartAsync(Folder, clock, "--inactiveProcessTimeout", "10", "--inactiveSessionTimeout", "60");
        using var client = SessionSite.Client(server);
        var id = SessionSite.IdOf((await SessionSite.GetAsync(client, "/session/work")).SetCookie);
        await SessionSite.GetAsync(client, "/session/set?key=a&value=1", id);

        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("running", (await SessionSite.GetAsync(client, "/session/work-state", id)).Body);

        // The sweep runs on the server's clock; nothing touches the session for 11 minutes.
        clock.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal("cancelled", (await SessionSite.GetAsync(client, "/session/work-state", id)).Body);
        var (body, setCookie) = await SessionSite.GetAsync(client, "/session/get?key=a", id);
        Assert.Equal("1", body);
        Assert.Equal(id, SessionSite.IdOf(setCookie));
    }
}
