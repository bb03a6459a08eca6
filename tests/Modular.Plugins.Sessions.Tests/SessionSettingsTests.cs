using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Modular.Testing;

namespace Modular.Plugins.Sessions.Tests;

/// <summary>The store settings checked at start with messages naming the key, and sessionCookieName shown but never set.</summary>
public sealed class SessionSettingsTests : FolderTests
{
    [Theory]
    [InlineData(new[] { "--sessionStore", "redis" }, "sessionRedisConfiguration", "is required when sessionStore is redis")]
    [InlineData(new[] { "--sessionStore", "redis", "--sessionRedisConfiguration", "127.0.0.1:6379,colour=blue" }, "sessionRedisConfiguration", "'colour' is not supported")]
    [InlineData(new[] { "--sessionStore", "redis", "--sessionRedisConfiguration", "password=x" }, "sessionRedisConfiguration", "names no Redis server")]
    [InlineData(new[] { "--sessionRedisConfiguration", "127.0.0.1:6379" }, "sessionRedisConfiguration", "used only by sessionStore redis")]
    [InlineData(new[] { "--sessionStore", "disk" }, "sessionStore", "memory, redis")]
    public async Task Store_settings_that_cannot_work_stop_the_start_naming_the_key(string[] settings, string key, string expected)
    {
        var errors = await TestServer.StartFailsAsync(Folder, null, ["--pluginsFolder", Folder.PluginsWith("sessions"), .. settings]);

        Assert.Contains(errors, error => error.Contains($"sessions: {key} = ", StringComparison.Ordinal) && error.Contains(expected, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_redis_configuration_is_a_secret_never_shown_in_messages()
    {
        var errors = await TestServer.StartFailsAsync(Folder, null, "--pluginsFolder", Folder.PluginsWith("sessions"), "--sessionStore", "redis", "--sessionRedisConfiguration", "password=hunter2");

        Assert.DoesNotContain(errors, error => error.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SessionCookieName_follows_name_and_is_shown_read_only()
    {
        var admin = "127.0.0.1:" + FreePort.Next().ToString(CultureInfo.InvariantCulture);
        await using var server = await SessionSite.StartAsync(Folder, null, "--name", "Shop", "--adminAddress", admin);
        using var client = new HttpClient { BaseAddress = server.Server.AdminAddress };

        var row = await client.GetFromJsonAsync<JsonObject>("/settings/sessionCookieName");
        using var change = await client.PatchAsJsonAsync("/settings", new JsonObject { ["sessionCookieName"] = "mine" });

        Assert.Equal("4DSID_Shop", (string?)row!["value"]);
        Assert.True((bool)row["readOnly"]!);
        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
        Assert.Contains("sessionCookieName", await change.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("read-only", await change.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SessionCookieName_given_at_start_is_refused_as_read_only()
    {
        var errors = await TestServer.StartFailsAsync(Folder, null, "--sessionCookieName", "MYSID");

        Assert.Contains(errors, error => error.Contains("sessionCookieName = 'MYSID'", StringComparison.Ordinal) && error.Contains("read-only", StringComparison.Ordinal));
    }
}
