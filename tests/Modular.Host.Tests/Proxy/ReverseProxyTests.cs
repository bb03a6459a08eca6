using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Modular.Testing;

namespace Modular.Host.Tests.Proxy;

/// <summary>The Proxy stage: the settings file's <c>ReverseProxy</c> section (YARP's schema) routes what the content stage did not serve.</summary>
public sealed class ReverseProxyTests : FolderTests
{
    private static Task<Upstream> EchoPathAsync(string name) => Upstream.StartAsync(context =>
        context.Response.WriteAsync($"{name} {context.Request.Path} from {context.Request.Headers["X-Forwarded-For"]}"));

    private void WriteSettings(string section) => Folder.Write("modular.json", "{\n" + section + "\n}");

    [Fact]
    public async Task A_file_under_the_root_wins_over_a_catch_all_route_and_the_rest_is_proxied()
    {
        await using var upstream = await EchoPathAsync("app");
        Folder.Write("WebFolder/page.html", "<p>file</p>");
        WriteSettings(Upstream.Section("/{**catch-all}", upstream));
        await using var server = await TestServer.StartAsync(Folder);

        Assert.Equal("<p>file</p>", await server.Client.GetStringAsync("/page.html"));
        Assert.Equal("app /api/orders from 127.0.0.1", await server.Client.GetStringAsync("/api/orders"));
        Assert.Equal(1, upstream.Requests);
    }

    [Fact]
    public async Task Without_a_home_page_in_the_root_slash_goes_to_the_upstream_as_slash()
    {
        await using var upstream = await EchoPathAsync("back");
        Folder.Write("modular.json", "{ \"defaultHomepage\": \"front-has-none.html\",\n" + Upstream.Section("/{**catch-all}", upstream) + "\n}");
        await using var server = await TestServer.StartAsync(Folder);

        Assert.Equal("back / from 127.0.0.1", await server.Client.GetStringAsync("/"));
    }

    [Fact]
    public async Task Without_a_matching_route_a_request_no_file_answers_gets_404()
    {
        await using var upstream = await EchoPathAsync("app");
        WriteSettings(Upstream.Section("/api/{**rest}", upstream));
        await using var server = await TestServer.StartAsync(Folder);

        Assert.Equal(404, (int)(await server.Client.GetAsync("/elsewhere")).StatusCode);
        Assert.Equal(200, (int)(await server.Client.GetAsync("/api/x")).StatusCode);
        Assert.Equal(1, upstream.Requests);
    }

    [Fact]
    public async Task With_no_ReverseProxy_section_a_missing_file_gets_404()
    {
        await using var server = await TestServer.StartAsync(Folder);

        Assert.Equal(404, (int)(await server.Client.GetAsync("/api/x")).StatusCode);
    }

    [Fact]
    public async Task An_edit_of_the_settings_file_applies_new_routes_without_a_restart()
    {
        await using var first = await EchoPathAsync("first");
        await using var second = await EchoPathAsync("second");
        WriteSettings(Upstream.Section("/api/{**rest}", first));
        await using var server = await TestServer.StartAsync(Folder);
        Assert.Equal("first /api/a from 127.0.0.1", await server.Client.GetStringAsync("/api/a"));

        WriteSettings(Upstream.Section("/api/{**rest}", second));

        Assert.Equal("second /api/a from 127.0.0.1", await PollAsync(server, "/api/a", body => body.StartsWith("second", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Round_robin_spreads_requests_over_the_cluster_destinations()
    {
        await using var one = await EchoPathAsync("one");
        await using var two = await EchoPathAsync("two");
        WriteSettings(Upstream.Section("/{**catch-all}", one, two));
        await using var server = await TestServer.StartAsync(Folder);

        for (var i = 0; i < 10; i++)
        {
            await server.Client.GetStringAsync("/x");
        }

        Assert.Equal(5, one.Requests);
        Assert.Equal(5, two.Requests);
    }

    [Fact]
    public async Task An_upstream_that_does_not_answer_gets_502()
    {
        WriteSettings(Upstream.Section("/{**catch-all}", "http://127.0.0.1:" + FreePort.Next().ToString(CultureInfo.InvariantCulture) + "/"));
        await using var server = await TestServer.StartAsync(Folder);

        Assert.Equal(502, (int)(await server.Client.GetAsync("/x")).StatusCode);
    }

    [Fact]
    public async Task An_invalid_section_at_start_is_a_start_error_naming_the_route()
    {
        WriteSettings("""
            "ReverseProxy": {
              "Routes": { "orders": { "ClusterId": "app", "Match": { } } },
              "Clusters": { "app": { "Destinations": { "d": { "Address": "http://127.0.0.1:1/" } } } }
            }
            """);

        var errors = await TestServer.StartFailsAsync(Folder, null, "--IPAddressToListen", "127.0.0.1", "--HTTPPort", FreePort.Next().ToString(CultureInfo.InvariantCulture), "--adminAddress", "off");

        var error = Assert.Single(errors);
        Assert.Contains("ReverseProxy", error, StringComparison.Ordinal);
        Assert.Contains("orders", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReverseProxy_outside_the_settings_file_is_refused_rather_than_ignored()
    {
        var errors = await TestServer.StartFailsAsync(Folder, new Dictionary<string, string> { ["MODULAR_ReverseProxy__Routes__a__ClusterId"] = "app" });

        Assert.Contains(errors, error => error.Contains("ReverseProxy", StringComparison.Ordinal) && error.Contains("settings file only", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_invalid_edit_is_refused_with_a_log_line_and_the_routes_in_use_keep_serving()
    {
        await using var upstream = await EchoPathAsync("app");
        WriteSettings(Upstream.Section("/api/{**rest}", upstream));
        using var server = await ServerProcess.StartAsync(Folder, null, "--plugins=");

        WriteSettings("""
            "ReverseProxy": { "Routes": { "broken": { "ClusterId": "app" } }, "Clusters": { } }
            """);

        var refusal = await server.Process.WaitForLineAsync("refused");
        Assert.Contains("modular.json", refusal, StringComparison.Ordinal);
        Assert.Contains("broken", refusal, StringComparison.Ordinal);
        Assert.Equal("app /api/a from 127.0.0.1", await server.Client.GetStringAsync("/api/a"));
    }

    [Fact]
    public async Task A_section_added_to_a_server_started_without_one_applies_without_a_restart_of_the_process()
    {
        await using var upstream = await EchoPathAsync("added");
        Folder.Write("WebFolder/page.html", "<p>file</p>");
        await using var server = await TestServer.StartAsync(Folder);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/api/a")).StatusCode);

        WriteSettings(Upstream.Section("/api/{**rest}", upstream));

        Assert.Equal((HttpStatusCode.OK, "added /api/a from 127.0.0.1"), await Polling.UntilStatusAsync(server.Client, "/api/a", HttpStatusCode.OK, 15));
        Assert.Equal("<p>file</p>", await server.Client.GetStringAsync("/page.html"));
    }

    [Fact]
    public async Task An_invalid_section_added_while_running_leaves_the_server_serving_without_it_until_fixed()
    {
        await using var upstream = await EchoPathAsync("fixed");
        Folder.Write("WebFolder/page.html", "<p>file</p>");
        await using var server = await TestServer.StartAsync(Folder);

        WriteSettings("""
            "ReverseProxy": { "Routes": { "orders": { "ClusterId": "nowhere" } } }
            """);
        // The web server starts again without the section: the page answers, the route does not exist.
        await Task.Delay(2000);
        Assert.Equal((HttpStatusCode.OK, "<p>file</p>"), await Polling.UntilStatusAsync(server.Client, "/page.html", HttpStatusCode.OK, 15));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/api/a")).StatusCode);

        WriteSettings(Upstream.Section("/api/{**rest}", upstream));

        Assert.Equal((HttpStatusCode.OK, "fixed /api/a from 127.0.0.1"), await Polling.UntilStatusAsync(server.Client, "/api/a", HttpStatusCode.OK, 15));
    }

    /// <summary>GETs <paramref name="path"/> until <paramref name="done"/> holds for the body (at most 10 s).</summary>
    private static async Task<string> PollAsync(TestServer server, string path, Func<string, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string body;
        do
        {
            await Task.Delay(100);
            body = await server.Client.GetStringAsync(path);
        }
        while (!done(body) && DateTime.UtcNow < deadline);
        return body;
    }
}
