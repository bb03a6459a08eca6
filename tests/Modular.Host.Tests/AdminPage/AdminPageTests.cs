using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Modular.Testing;

namespace Modular.Host.Tests.AdminPage;

/// <summary>The admin page in a real browser (Debian's Chromium through Playwright), over a real server's admin API.</summary>
public sealed class AdminPageTests : FolderTests
{
    private static readonly LocatorAssertionsToHaveTextOptions Soon = new() { Timeout = 10_000 };

    [Fact]
    public async Task Every_setting_is_shown_by_owner_and_4D_page_with_its_value_origin_default_and_rules()
    {
        await using var admin = await AdminPageSession.StartAsync(Folder, ["--pluginsFolder", Folder.PluginsWith("sessions"), "--plugins", "sessions"]);

        await admin.OpenAsync();

        await Assertions.Expect(admin.Page.Locator("#input-HTTPPort")).ToHaveValueAsync($"{admin.WebPort}");
        await Assertions.Expect(admin.Page.Locator("#about-HTTPPort")).ToContainTextAsync("TCP port for HTTP.");
        await Assertions.Expect(admin.Page.Locator("#about-HTTPPort")).ToContainTextAsync("command line");
        await Assertions.Expect(admin.Page.Locator("#about-HTTPPort")).ToContainTextAsync("default 80");
        var core = admin.Page.GetByRole(AriaRole.Region, new() { Name = "Core settings" });
        Assert.Equal(["Configuration", "Options (I)", "Options (II)", "More"], await core.Locator("h3").AllTextContentsAsync());
        await Assertions.Expect(core.Locator("h3:text('Configuration') ~ #setting-HTTPPort")).ToHaveCountAsync(1);
        var sessions = admin.Page.GetByRole(AriaRole.Region, new() { Name = "Plugin sessions" });
        await Assertions.Expect(sessions.Locator("#input-keepSession")).ToBeCheckedAsync();
        await Assertions.Expect(sessions.Locator("#input-sessionCookieSameSite option")).ToHaveCountAsync(3);
        var settings = JsonNode.Parse(await new HttpClient().GetStringAsync(new Uri(admin.Admin, "settings")))!["settings"]!.AsArray();
        await Assertions.Expect(admin.Page.Locator(".setting")).ToHaveCountAsync(settings.Count);
        Assert.Empty(admin.ConsoleErrors);
        await admin.ScreenshotAsync("settings");
    }

    [Fact]
    public async Task A_hot_setting_changed_in_the_page_moves_the_web_listener()
    {
        await using var admin = await AdminPageSession.StartAsync(Folder, []);
        await admin.OpenAsync();
        var port = FreePort.Next();

        await admin.Page.FillAsync("#input-HTTPPort", $"{port}");
        await admin.Page.ClickAsync("button[value=runtime]");

        await Assertions.Expect(admin.Page.Locator("#apply-message")).ToHaveTextAsync("Applied HTTPPort.", Soon);
        await Assertions.Expect(admin.Page.Locator("#state")).ToHaveTextAsync($"Web server running on http://[::]:{port}/", Soon);
        await Assertions.Expect(admin.Page.Locator("#about-HTTPPort")).ToContainTextAsync("admin API");
        using var client = new HttpClient();
        Assert.Equal("<h1>site</h1>", await client.GetStringAsync(new Uri($"http://127.0.0.1:{port}/")));
    }

    [Fact]
    public async Task A_value_the_server_refuses_shows_its_message_beside_the_field_and_changes_nothing()
    {
        await using var admin = await AdminPageSession.StartAsync(Folder, []);
        await admin.OpenAsync();

        await admin.Page.FillAsync("#input-IPAddressToListen", "nope");
        await admin.Page.FillAsync("#input-keepAliveTimeout", "20");
        await admin.Page.ClickAsync("button[value=runtime]");

        await Assertions.Expect(admin.Page.Locator("#error-IPAddressToListen")).ToContainTextAsync("IPAddressToListen = 'nope'", new() { Timeout = 10_000 });
        await Assertions.Expect(admin.Page.Locator("#error-IPAddressToListen")).ToContainTextAsync("must be an IPv4 address");
        await Assertions.Expect(admin.Page.Locator("#apply-message")).ToHaveTextAsync("Refused, nothing changed. ");
        using var client = new HttpClient();
        var settings = await client.GetStringAsync(new Uri(admin.Admin, "settings/keepAliveTimeout"));
        Assert.Equal(15, (int)JsonNode.Parse(settings)!["value"]!);
        Assert.Equal("<h1>site</h1>", await client.GetStringAsync(admin.Web));
        await admin.ScreenshotAsync("refused");
    }

    [Fact]
    public async Task A_value_outside_the_described_range_is_refused_in_the_page_before_anything_is_sent()
    {
        await using var admin = await AdminPageSession.StartAsync(Folder, []);
        await admin.OpenAsync();

        var changes = new List<string>();
        admin.Page.Request += (_, request) =>
        {
            if (request.Method != "GET")
            {
                changes.Add($"{request.Method} {request.Url}");
            }
        };

        await admin.Page.FillAsync("#input-HTTPPort", "70000");
        await admin.Page.FillAsync("#input-plugins", "[ not json");
        await admin.Page.ClickAsync("button[value=runtime]");

        await Assertions.Expect(admin.Page.Locator("#error-HTTPPort")).ToHaveTextAsync("from 1 to 65535");
        await Assertions.Expect(admin.Page.Locator("#error-plugins")).ToContainTextAsync("not valid JSON");
        await Assertions.Expect(admin.Page.Locator("#apply-message")).ToHaveTextAsync("Nothing was sent: correct the marked settings.");
        Assert.Empty(changes);
        var port = JsonNode.Parse(await new HttpClient().GetStringAsync(new Uri(admin.Admin, "settings/HTTPPort")))!;
        Assert.Equal(admin.WebPort, (int)port["value"]!);
    }

    [Fact]
    public async Task Apply_and_save_writes_the_change_into_the_settings_file()
    {
        Folder.Write("modular.json", """{ "defaultHomepage": "index.html" }""");
        await using var admin = await AdminPageSession.StartAsync(Folder, []);
        await admin.OpenAsync();

        await admin.Page.FillAsync("#input-keepAliveTimeout", "20");
        await admin.Page.ClickAsync("button[value=persist]");

        await Assertions.Expect(admin.Page.Locator("#apply-message")).ToHaveTextAsync("Applied keepAliveTimeout and saved in the settings file.", Soon);
        var file = JsonNode.Parse(File.ReadAllText(Folder.Combine("modular.json")))!;
        Assert.Equal(20, (int)file["keepAliveTimeout"]!);
        Assert.Equal("index.html", (string?)file["defaultHomepage"]);
    }

    [Fact]
    public async Task The_web_server_stops_and_starts_from_the_page()
    {
        await using var admin = await AdminPageSession.StartAsync(Folder, []);
        await admin.OpenAsync();
        using var client = new HttpClient();

        await admin.Page.ClickAsync("#stop");
        await Assertions.Expect(admin.Page.Locator("#state")).ToHaveTextAsync("Web server stopped", Soon);
        var whileStopped = await Record.ExceptionAsync(() => client.GetStringAsync(admin.Web));
        await admin.Page.ClickAsync("#start");
        await Assertions.Expect(admin.Page.Locator("#state")).ToHaveTextAsync($"Web server running on http://[::]:{admin.WebPort}/", Soon);

        Assert.IsType<HttpRequestException>(whileStopped);
        Assert.Equal("<h1>site</h1>", await client.GetStringAsync(admin.Web));
    }

    [Fact]
    public async Task The_runtime_view_shows_the_figures_as_they_change_and_clearing_the_cache_drops_them()
    {
        // Ten requests per connection: the twenty below close two connections.
        await using var admin = await AdminPageSession.StartAsync(Folder, ["--staticCacheEnabled", "true", "--keepAliveMaxRequests", "10"]);
        await admin.OpenAsync();
        await admin.ShowRuntimeAsync();
        using var client = new HttpClient();
        for (var i = 0; i < 20; i++)
        {
            await client.GetStringAsync(admin.Web);
        }

        await Assertions.Expect(admin.Page.Locator("#cached-objects")).ToHaveTextAsync("1", Soon);
        await Assertions.Expect(admin.Page.Locator("#cache-hits")).ToHaveTextAsync("19", Soon);
        await Assertions.Expect(admin.Page.Locator("#cache-size")).ToHaveTextAsync(new Regex("^[1-9][0-9.]* K?B of 10.0 MB$"), Soon);
        await Assertions.Expect(admin.Page.Locator("#keep-alive-closes")).ToHaveTextAsync("2", Soon);
        await Assertions.Expect(admin.Page.Locator("#in-flight")).ToHaveTextAsync("0", Soon);
        await Assertions.Expect(admin.Page.Locator("#refused")).ToHaveTextAsync("0", Soon);
        // The twenty requests came within a second or two: the chart's peak over the last minutes is above nothing.
        await Assertions.Expect(admin.Page.Locator("#chart-scale")).ToHaveTextAsync(new Regex(@"peak ([1-9]|0\.[1-9])"), Soon);
        await admin.ScreenshotAsync("runtime");
        await admin.Page.ClickAsync("#clear-cache");

        await Assertions.Expect(admin.Page.Locator("#cached-objects")).ToHaveTextAsync("0", Soon);
        await Assertions.Expect(admin.Page.Locator("#cache-size")).ToHaveTextAsync("0 B of 10.0 MB", Soon);
    }

    [Fact]
    public async Task Open_web_sessions_are_listed_and_one_is_ended_with_its_button()
    {
        await using var admin = await AdminPageSession.StartAsync(Folder, ["--pluginsFolder", Folder.PluginsWith("sessions", "sessionapp"), "--plugins", "sessions,sessionapp"]);
        // No cookie jar: each request opens a session of its own.
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false });
        var cookies = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            using var opened = await client.GetAsync(new Uri(admin.Web, "session/set?key=a&value=1"));
            cookies.Add(opened.Headers.GetValues("Set-Cookie").Single().Split(';')[0].Split('=')[1]);
        }
        await admin.OpenAsync();
        await admin.ShowRuntimeAsync();

        await Assertions.Expect(admin.Page.Locator("#web-session-list li")).ToHaveCountAsync(2, new() { Timeout = 10_000 });
        await Assertions.Expect(admin.Page.Locator("#plugin-list")).ToContainTextAsync("sessions");
        await admin.Page.GetByRole(AriaRole.Button, new() { Name = $"End web session {cookies[0]}" }).ClickAsync();

        await Assertions.Expect(admin.Page.Locator("#web-session-list li")).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        await Assertions.Expect(admin.Page.Locator($"#web-session-list li[data-id='{cookies[1]}']")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Connected_remote_clients_are_listed_and_one_is_ended_with_its_button()
    {
        Folder.Write("MyApp/MyApp.4DProject", """{ "version": "1" }""");
        var publishing = FreePort.Next();
        await using var admin = await AdminPageSession.StartAsync(Folder,
            ["--pluginsFolder", Folder.PluginsWith("projectserver"), "--plugins", "projectserver", "--projects", "MyApp", "--publishingPort", $"{publishing}"]);
        using var service = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{publishing}/") };
        using var connected = await service.PostAsJsonAsync("projects/MyApp/connections", new { userName = "alice", machineName = "alice-pc" });
        Assert.Equal(HttpStatusCode.Created, connected.StatusCode);
        await admin.OpenAsync();
        await admin.ShowRuntimeAsync();

        var remote = admin.Page.Locator("#remote-session-list li");
        await Assertions.Expect(remote).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        await Assertions.Expect(remote).ToContainTextAsync("MyApp · alice");
        await remote.GetByRole(AriaRole.Button, new() { Name = "End remote session" }).ClickAsync();

        await Assertions.Expect(remote).ToHaveTextAsync("No remote client connected.", Soon);
        var sessions = JsonNode.Parse(await new HttpClient().GetStringAsync(new Uri(admin.Admin, "plugins/projectserver/sessions")))!;
        Assert.Empty(sessions["sessions"]!.AsArray());
    }

    [Fact]
    public async Task With_a_token_the_page_asks_for_it_keeps_it_out_of_urls_and_logs_and_refuses_a_wrong_one()
    {
        const string token = "page-token-5b1e0c";
        await using var admin = await AdminPageSession.StartAsync(Folder, ["--adminToken", token]);
        var requests = new List<(string Url, string? Authorization)>();
        admin.Page.Request += (_, request) => requests.Add((request.Url, request.Headers.GetValueOrDefault("authorization")));
        await admin.Page.GotoAsync(admin.Admin.ToString());

        await Assertions.Expect(admin.Page.Locator("#token-form")).ToBeVisibleAsync();
        await Assertions.Expect(admin.Page.Locator("#settings")).ToBeHiddenAsync();
        await admin.Page.FillAsync("#token", "wrong");
        await admin.Page.ClickAsync("#token-form button");
        await Assertions.Expect(admin.Page.Locator("#token-error")).ToHaveTextAsync("The server refused that token.", Soon);
        await admin.Page.FillAsync("#token", token);
        await admin.Page.ClickAsync("#token-form button");
        await admin.Page.Locator("#setting-HTTPPort").WaitForAsync();

        Assert.Equal(admin.Admin.ToString(), admin.Page.Url);
        Assert.Equal(token, await admin.Page.EvaluateAsync<string>("() => sessionStorage.getItem('modular-admin-token')"));
        await Assertions.Expect(admin.Page.Locator("#input-adminToken")).ToHaveValueAsync("");
        using var client = new HttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri(admin.Admin, "settings"))).StatusCode);
        Assert.DoesNotContain(token, admin.Server.Output, StringComparison.Ordinal);
        Assert.All(requests, request => Assert.DoesNotContain(token, request.Url, StringComparison.Ordinal));
        // Once given, the token went with every call to the API, in the header only.
        Assert.Contains(requests, request => request.Url.EndsWith("/settings", StringComparison.Ordinal) && request.Authorization == $"Bearer {token}");
    }

    [Fact]
    public async Task The_page_is_sent_with_a_strict_content_security_policy_and_breaks_none_of_it()
    {
        await using var admin = await AdminPageSession.StartAsync(Folder, []);

        var response = await admin.Page.GotoAsync(admin.Admin.ToString());
        await admin.Page.Locator("#setting-HTTPPort").WaitForAsync();

        Assert.Equal("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
            await response!.HeaderValueAsync("content-security-policy"));
        Assert.Empty(admin.ConsoleErrors);
    }

    [Fact]
    public async Task On_a_phone_sized_window_nothing_overflows_and_the_views_are_reached_by_keyboard()
    {
        await using var admin = await AdminPageSession.StartAsync(Folder, [], width: 390, height: 844);
        await admin.OpenAsync();

        var overflow = await admin.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");
        await admin.ScreenshotAsync("phone-settings");
        await admin.Page.FocusAsync("#tab-settings");
        await admin.Page.Keyboard.PressAsync("ArrowRight");

        Assert.False(overflow);
        await Assertions.Expect(admin.Page.Locator("#runtime")).ToBeVisibleAsync();
        await Assertions.Expect(admin.Page.Locator("#tab-runtime")).ToBeFocusedAsync();
        await Assertions.Expect(admin.Page.Locator("#settings")).ToBeHiddenAsync();
        await admin.ScreenshotAsync("phone-runtime");
    }
}
