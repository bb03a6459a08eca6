using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Modular.Testing;

namespace Modular.Host.Tests.Admin;

/// <summary>The admin API over a real socket: reading settings, changing them whole or not at all, persisting, access rules.</summary>
public sealed class AdminApiTests : AdminTests
{
    private static string Text(int number) => number.ToString(CultureInfo.InvariantCulture);


    private static async Task<JsonObject> SettingAsync(HttpClient Admin, string name) =>
        (JsonObject)(await Admin.GetFromJsonAsync<JsonNode>($"/settings/{name}"))!;

    private static Task<HttpResponseMessage> ChangeAsync(HttpClient Admin, string json, bool persist = false) =>
        Admin.PatchAsync(persist ? "/settings?persist=true" : "/settings", new StringContent(json, Encoding.UTF8, "application/json"));

    private static async Task<IReadOnlyList<string>> ErrorsAsync(HttpResponseMessage response) =>
        ((JsonArray)(await response.Content.ReadFromJsonAsync<JsonNode>())!["errors"]!).Select(error => (string)error!).ToList();

    [Fact]
    public async Task Settings_list_shows_value_layer_default_and_when_a_change_applies()
    {
        var server = await StartWithAdminAsync("--staticCacheSize", "20");
        await using var _ = server;
        var all = (JsonArray)(await Admin.GetFromJsonAsync<JsonNode>("/settings"))!["settings"]!;
        var size = (JsonObject)all.Single(row => (string)row!["name"]! == "staticCacheSize")!;
        Assert.Equal(20, (int)size["value"]!);
        Assert.Equal("CommandLine", (string)size["layer"]!);
        Assert.Equal(10, (int)size["default"]!);
        Assert.Equal("NextRequest", (string)size["appliesAt"]!);
        Assert.Equal("Listeners", (string)(await SettingAsync(Admin, "HTTPPort"))["appliesAt"]!);
        Assert.Equal("Default", (string)(await SettingAsync(Admin, "characterSet"))["layer"]!);
    }

    [Fact]
    public async Task Unknown_setting_name_gets_404()
    {
        var server = await StartWithAdminAsync();
        await using var _ = server;
        using var response = await Admin.GetAsync("/settings/HTTPPrt");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Change_applies_to_the_next_request_and_shows_the_runtime_layer()
    {
        var server = await StartWithAdminAsync();
        await using var _ = server;
        using var before = await server.Client.GetAsync("/page.html");
        Assert.Equal("text/html; charset=UTF-8", before.Content.Headers.ContentType!.ToString());

        using var change = await ChangeAsync(Admin, """{ "characterSet": "ISO-8859-1" }""");
        Assert.Equal(HttpStatusCode.OK, change.StatusCode);

        using var after = await server.Client.GetAsync("/page.html");
        Assert.Equal("text/html; charset=ISO-8859-1", after.Content.Headers.ContentType!.ToString());
        var row = await SettingAsync(Admin, "characterSet");
        Assert.Equal("Runtime", (string)row["layer"]!);
        Assert.Equal("set through the admin API", (string)row["origin"]!);
    }

    [Fact]
    public async Task One_bad_value_refuses_the_whole_change()
    {
        var server = await StartWithAdminAsync();
        await using var _ = server;
        using var change = await ChangeAsync(Admin, """{ "characterSet": "ISO-8859-1", "staticCacheSize": 0, "HTTPPrt": 1 }""");
        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
        var errors = await ErrorsAsync(change);
        Assert.Contains(errors, error => error.StartsWith("core: staticCacheSize = '0' (set through the admin API): must be 1..2048 MB", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.StartsWith("HTTPPrt (set through the admin API) is not a known setting. Did you mean HTTPPort", StringComparison.Ordinal));

        using var response = await server.Client.GetAsync("/page.html");
        Assert.Equal("text/html; charset=UTF-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("Default", (string)(await SettingAsync(Admin, "characterSet"))["layer"]!);
    }

    [Theory]
    [InlineData("adminAddress", "\"127.0.0.1:2999\"", "applies at the next start")]
    [InlineData("pluginsFolder", "\"elsewhere\"", "applies at the next start")]
    public async Task Setting_that_cannot_change_while_running_is_refused_saying_when_it_applies(string name, string value, string expected)
    {
        var server = await StartWithAdminAsync();
        await using var _ = server;
        using var change = await ChangeAsync(Admin, $$"""{ "{{name}}": {{value}} }""");
        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
        Assert.Contains(await ErrorsAsync(change), error => error.Contains($"{name} {expected}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Body_that_is_not_a_json_object_gets_400()
    {
        var server = await StartWithAdminAsync();
        await using var _ = server;
        using var broken = await ChangeAsync(Admin, "{ nope");
        using var list = await ChangeAsync(Admin, "[1, 2]");
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
    }

    [Fact]
    public async Task Persisted_change_keeps_the_file_s_other_keys_in_order_and_survives_a_restart()
    {
        Folder.Write("modular.json", """
            {
              // the operator's comment
              "staticCacheEnabled": true,
              "characterSet": "UTF-8",
              "keepAliveMaxRequests": 50,
              "ReverseProxy": { "Routes": { "api": { "ClusterId": "api", "Match": { "Path": "/api/{**rest}" } } } }
            }
            """);
        var server = await StartWithAdminAsync();
        await using (server)
        {
            using var change = await ChangeAsync(Admin, """{ "characterset": "ISO-8859-1", "staticCacheSize": 30 }""", persist: true);
            Assert.Equal(HttpStatusCode.OK, change.StatusCode);
            Assert.True((bool)(await change.Content.ReadFromJsonAsync<JsonNode>())!["persisted"]!);
        }

        var file = JsonNode.Parse(await File.ReadAllTextAsync(Folder.Combine("modular.json")))!.AsObject();
        Assert.Equal(["staticCacheEnabled", "characterSet", "keepAliveMaxRequests", "ReverseProxy", "staticCacheSize"], file.Select(pair => pair.Key));
        Assert.Equal("/api/{**rest}", (string)file["ReverseProxy"]!["Routes"]!["api"]!["Match"]!["Path"]!);
        Assert.Equal("ISO-8859-1", (string)file["characterSet"]!);
        Assert.Empty(Directory.GetFiles(Folder.Path, "*.tmp", SearchOption.AllDirectories));

        await using var restarted = await TestServer.StartAsync(Folder);
        using var response = await restarted.Client.GetAsync("/page.html");
        Assert.Equal("text/html; charset=ISO-8859-1", response.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task With_a_token_every_call_needs_it()
    {
        const string token = "0123456789abcdef-secret";
        var server = await StartWithAdminAsync("--adminToken", token);
        await using var _ = server;

        using var without = await Admin.GetAsync("/settings");
        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);

        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token + "x");
        using var wrong = await Admin.GetAsync("/settings");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);

        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var right = await Admin.GetAsync("/settings");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task Plugins_are_listed_with_their_versions()
    {
        var server = await StartWithAdminAsync("--pluginsFolder", Folder.PluginsWith("hello"));
        await using var _ = server;
        var plugins = (JsonArray)(await Admin.GetFromJsonAsync<JsonNode>("/plugins"))!["plugins"]!;
        var hello = Assert.Single(plugins)!;
        Assert.Equal("hello", (string)hello["name"]!);
        Assert.StartsWith("1.0.0", (string)hello["version"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cache_clear_and_statistics_work_over_the_api()
    {
        var server = await StartWithAdminAsync("--staticCacheEnabled", "true");
        await using var _ = server;
        using (await server.Client.GetAsync("/page.html"))
        {
        }
        var before = (await Admin.GetFromJsonAsync<JsonNode>("/statistics"))!["cache"]!;
        Assert.Equal(1, (int)before["cachedObjects"]!);

        using var clear = await Admin.PostAsync("/cache/clear", null);
        Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
        Assert.Equal(0, (int)(await Admin.GetFromJsonAsync<JsonNode>("/statistics"))!["cache"]!["cachedObjects"]!);
    }

    [Theory]
    [InlineData("--adminAddress", "localhost", "adminAddress = 'localhost'")]
    [InlineData("--adminToken", "short", "adminToken = '(hidden)' (from command line --adminToken): must be empty or at least 16 characters long")]
    public async Task Invalid_admin_settings_stop_the_start(string key, string value, string expected)
    {
        var error = Assert.Single(await TestServer.StartFailsAsync(Folder, null, key, value));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
