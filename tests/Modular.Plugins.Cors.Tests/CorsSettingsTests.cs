using System.Net;
using Modular.Testing;

namespace Modular.Plugins.Cors.Tests;

/// <summary>CORSEnabled, the '*' row, and the errors an invalid list gets at start.</summary>
public sealed class CorsSettingsTests : FolderTests
{
    private async Task<TestServer> StartAsync(string settingsJson)
    {
        Folder.Write("WebFolder/data.json", "{}");
        Folder.Write("modular.json", settingsJson);
        return await TestServer.StartAsync(Folder, null, "--pluginsFolder", Folder.PluginsWith("cors"));
    }

    private static async Task<HttpResponseMessage> GetAsync(TestServer server, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/data.json");
        request.Headers.TryAddWithoutValidation("Origin", origin);
        return await server.Client.SendAsync(request);
    }

    [Fact]
    public async Task Cors_disabled_sends_no_cors_headers_and_no_403()
    {
        await using var server = await StartAsync("""{ "CORSEnabled": false, "CORSSettings": [ { "host": "a.example" } ] }""");
        using var response = await GetAsync(server, "http://not-listed.example");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.DoesNotContain("Origin", response.Headers.Vary);
    }

    [Fact]
    public async Task Star_allows_every_origin_and_null_but_never_credentials()
    {
        await using var server = await StartAsync("""{ "CORSEnabled": true, "CORSSettings": [ { "host": "*", "methods": "" } ] }""");
        foreach (var origin in new[] { "http://anything.example:81", "null" })
        {
            using var response = await GetAsync(server, origin);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(origin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
            Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
        }
    }

    [Theory]
    [InlineData("https://*")]
    [InlineData("*:8443")]
    public async Task Any_host_with_a_scheme_or_port_never_grants_credentials(string host)
    {
        await using var server = await StartAsync($$"""{ "CORSEnabled": true, "CORSSettings": [ { "host": "{{host}}" } ] }""");
        using var response = await GetAsync(server, "https://anything.example:8443");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https://anything.example:8443", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Pattern_without_a_scheme_matches_http_and_https_only()
    {
        await using var server = await StartAsync("""{ "CORSEnabled": true, "CORSSettings": [ { "host": "*.example.com" } ] }""");
        using var https = await GetAsync(server, "https://a.example.com");
        using var other = await GetAsync(server, "chrome-extension://a.example.com");
        Assert.Equal(HttpStatusCode.OK, https.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    [Fact]
    public async Task Two_origin_headers_get_403()
    {
        await using var server = await StartAsync("""{ "CORSEnabled": true, "CORSSettings": [ { "host": "*" } ] }""");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/data.json");
        request.Headers.TryAddWithoutValidation("Origin", ["http://a.example", "http://b.example"]);
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Empty_json_list_in_the_environment_is_an_empty_list()
    {
        Folder.Write("WebFolder/data.json", "{}");
        var environment = new Dictionary<string, string> { ["MODULAR_CORSEnabled"] = "true", ["MODULAR_CORSSettings"] = "[]" };
        await using var server = await TestServer.StartAsync(Folder, environment, "--pluginsFolder", Folder.PluginsWith("cors"));
        using var response = await GetAsync(server, "http://a.example");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Cors_enabled_with_an_empty_list_refuses_every_cross_origin_request()
    {
        await using var server = await StartAsync("""{ "CORSEnabled": true }""");
        using var response = await GetAsync(server, "http://a.example");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Cors_settings_can_be_given_as_json_in_the_environment()
    {
        Folder.Write("WebFolder/data.json", "{}");
        var environment = new Dictionary<string, string>
        {
            ["MODULAR_CORSEnabled"] = "1",
            ["MODULAR_CORSSettings"] = """[{"host":"http://a.example","methods":"get"}]""",
        };
        await using var server = await TestServer.StartAsync(Folder, environment, "--pluginsFolder", Folder.PluginsWith("cors"));
        using var allowed = await GetAsync(server, "http://a.example");
        using var refused = await GetAsync(server, "http://b.example");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Theory]
    [InlineData("192.*.5.17", "'*' stands for the last octets")]
    [InlineData("ftp://files.example", "scheme 'ftp' is not http or https")]
    [InlineData("*.", "is not a domain name")]
    [InlineData("a.example/path", "without a path")]
    [InlineData("a.example:99999", "port '99999' is not 1..65535")]
    [InlineData("300.1.1.1", "is not an IPv4 address")]
    [InlineData("", "is empty")]
    public async Task Invalid_host_pattern_is_a_start_error_naming_the_entry(string host, string expected)
    {
        Folder.Write("modular.json", $$"""{ "CORSSettings": [ { "host": "*" }, { "host": "{{host}}" } ] }""");
        var errors = await TestServer.StartFailsAsync(Folder, null, "--pluginsFolder", Folder.PluginsWith("cors"));
        var error = Assert.Single(errors);
        Assert.StartsWith("cors: CORSSettings = ", error, StringComparison.Ordinal);
        Assert.Contains($"entry 2 (host '{host}')", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_method_is_a_start_error_listing_the_allowed_ones()
    {
        Folder.Write("modular.json", """{ "CORSSettings": [ { "host": "a.example", "methods": "get;FETCH" } ] }""");
        var error = Assert.Single(await TestServer.StartFailsAsync(Folder, null, "--pluginsFolder", Folder.PluginsWith("cors")));
        Assert.Contains("entry 1 (host 'a.example'): unknown method(s) 'FETCH'; allowed: GET, HEAD, POST, PUT, DELETE, OPTIONS, TRACE, PATCH", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Misspelt_entry_property_is_a_start_error()
    {
        Folder.Write("modular.json", """{ "CORSSettings": [ { "hosts": "a.example" } ] }""");
        var error = Assert.Single(await TestServer.StartFailsAsync(Folder, null, "--pluginsFolder", Folder.PluginsWith("cors")));
        Assert.Contains("CORSSettings", error, StringComparison.Ordinal);
        Assert.Contains("hosts", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Broken_json_in_the_environment_is_a_start_error_not_a_crash()
    {
        var environment = new Dictionary<string, string> { ["MODULAR_CORSSettings"] = "[{\"host\":" };
        var error = Assert.Single(await TestServer.StartFailsAsync(Folder, environment, "--pluginsFolder", Folder.PluginsWith("cors")));
        Assert.StartsWith("cors: CORSSettings = '[{\"host\":' (from environment variable MODULAR_CORSSettings): must be JSON when given as text", error, StringComparison.Ordinal);
    }
}
