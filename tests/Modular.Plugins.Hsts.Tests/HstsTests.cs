using System.Net;
using System.Security.Cryptography.X509Certificates;
using Modular.Testing;

namespace Modular.Plugins.Hsts.Tests;

/// <summary>HSTS (RFC 6797): the header on HTTPS responses only, its options, the redirect, and the start errors.</summary>
public sealed class HstsTests : FolderTests
{
    /// <summary>Starts with HTTP on <see cref="TestServer.Port"/>, HTTPS on <see cref="TestServer.OtherPorts"/>[0] and the hsts plugin.</summary>
    private Task<TestServer> StartAsync(params string[] settings)
    {
        Folder.Write("WebFolder/page.html", "<p>page</p>");
        return TestServer.StartAsync(Folder, null,
            ["--pluginsFolder", Folder.PluginsWith("hsts"), "--HTTPSEnabled", "true", "--HTTPSPort", TestServer.AnotherFreePort, .. settings]);
    }

    /// <summary>A client for the HTTPS port that trusts exactly the pair the server wrote, and follows no redirect.</summary>
    private HttpClient HttpsClient(TestServer server)
    {
        var thumbprint = X509Certificate2.CreateFromPem(File.ReadAllText(Folder.Combine("cert.pem"))).Thumbprint;
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == thumbprint,
        };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://localhost:{server.OtherPorts[0]}") };
    }

    private static HttpClient HttpClientWithoutRedirects(TestServer server) =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{server.Port}") };

    [Fact]
    public async Task Https_response_carries_the_header_with_the_default_max_age()
    {
        await using var server = await StartAsync("--HSTSEnabled", "true");
        using var https = HttpsClient(server);
        using var response = await https.GetAsync("/page.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=63072000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Plain_http_response_never_carries_the_header()
    {
        await using var server = await StartAsync("--HSTSEnabled", "true");
        using var response = await server.Client.GetAsync("/page.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Error_responses_over_https_carry_the_header_too()
    {
        await using var server = await StartAsync("--HSTSEnabled", "true", "--HSTSMaxAge", "300");
        using var https = HttpsClient(server);
        using var response = await https.GetAsync("/missing.html");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("max-age=300", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Include_subdomains_and_preload_are_added_when_asked()
    {
        await using var server = await StartAsync("--HSTSEnabled", "true", "--HSTSMaxAge", "31536000", "--HSTSIncludeSubDomains", "true", "--HSTSPreload", "true");
        using var https = HttpsClient(server);
        using var response = await https.GetAsync("/page.html");
        Assert.Equal("max-age=31536000; includeSubDomains; preload", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task Hsts_off_by_default_sends_no_header_and_no_redirect()
    {
        await using var server = await StartAsync();
        using var https = HttpsClient(server);
        using var overHttps = await https.GetAsync("/page.html");
        using var overHttp = await server.Client.GetAsync("/page.html");
        Assert.False(overHttps.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.OK, overHttp.StatusCode);
    }

    [Fact]
    public async Task Redirect_sends_plain_http_to_the_same_url_on_the_https_port_with_308()
    {
        await using var server = await StartAsync("--HSTSRedirectToHTTPS", "true");
        using var http = HttpClientWithoutRedirects(server);
        using var response = await http.PostAsync("/page.html?x=1&y=%20z", new StringContent("body"));
        Assert.Equal(HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal($"https://127.0.0.1:{server.OtherPorts[0]}/page.html?x=1&y=%20z", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Redirect_does_not_touch_https_requests()
    {
        await using var server = await StartAsync("--HSTSRedirectToHTTPS", "true", "--HSTSEnabled", "true");
        using var https = HttpsClient(server);
        using var response = await https.GetAsync("/page.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("<p>page</p>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Hsts_without_https_is_a_start_error_naming_both_keys()
    {
        var errors = await TestServer.StartFailsAsync(Folder, null, "--pluginsFolder", Folder.PluginsWith("hsts"), "--HSTSEnabled", "true");
        var error = Assert.Single(errors);
        Assert.StartsWith("hsts: HSTSEnabled = 'true' (from command line --HSTSEnabled): needs HTTPSEnabled = true", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unconvertible_https_setting_is_reported_alone_not_as_a_missing_https()
    {
        var errors = await TestServer.StartFailsAsync(Folder, null, "--pluginsFolder", Folder.PluginsWith("hsts"), "--HSTSEnabled", "true", "--HTTPSEnabled", "yes");
        var error = Assert.Single(errors);
        Assert.StartsWith("core: HTTPSEnabled = 'yes'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirect_without_https_is_a_start_error_naming_both_keys()
    {
        var error = Assert.Single(await TestServer.StartFailsAsync(Folder, null, "--pluginsFolder", Folder.PluginsWith("hsts"), "--HSTSRedirectToHTTPS", "1"));
        Assert.Contains("HSTSRedirectToHTTPS = 'true' (from command line --HSTSRedirectToHTTPS)", error, StringComparison.Ordinal);
        Assert.Contains("needs HTTPSEnabled = true", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Preload_without_its_requirements_is_a_start_error()
    {
        var errors = await TestServer.StartFailsAsync(Folder, null,
            "--pluginsFolder", Folder.PluginsWith("hsts"), "--HTTPSEnabled", "true", "--HTTPSPort", "8443", "--HSTSEnabled", "true", "--HSTSPreload", "true", "--HSTSMaxAge", "600");
        var error = Assert.Single(errors);
        Assert.Contains("HSTSPreload = 'true'", error, StringComparison.Ordinal);
        Assert.Contains("needs HSTSIncludeSubDomains = true and HSTSMaxAge of at least 31536000 (HSTSMaxAge is 600)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Negative_max_age_is_refused()
    {
        var error = Assert.Single(await TestServer.StartFailsAsync(Folder, null, "--pluginsFolder", Folder.PluginsWith("hsts"), "--HSTSMaxAge", "-1"));
        Assert.Contains("HSTSMaxAge = '-1'", error, StringComparison.Ordinal);
    }
}
