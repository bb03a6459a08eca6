using System.Net;

namespace Modular.Plugins.Cors.Tests;

/// <summary>Preflights (OPTIONS with Access-Control-Request-Method) and credentials.</summary>
public sealed class PreflightTests(CorsServer cors) : IClassFixture<CorsServer>
{
    [Fact]
    public async Task Allowed_preflight_gets_204_with_the_cors_headers()
    {
        using var response = await cors.PreflightAsync("http://192.168.1.1:8081", "POST", "X-Custom, Content-Type");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("http://192.168.1.1:8081", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("GET, POST", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Methods")));
        Assert.Equal("X-Custom, Content-Type", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Headers")));
        Assert.Equal("600", Assert.Single(response.Headers.GetValues("Access-Control-Max-Age")));
        Assert.Contains("Origin", response.Headers.Vary);
        Assert.Contains("Access-Control-Request-Method", response.Headers.Vary);
    }

    [Fact]
    public async Task Preflight_of_a_rule_without_methods_lists_every_method()
    {
        using var response = await cors.PreflightAsync("https://a.mydomain.com", "PATCH");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("GET, HEAD, POST, PUT, DELETE, OPTIONS, TRACE, PATCH", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Methods")));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Headers"));
    }

    [Theory]
    [InlineData("http://192.168.1.1:8081", "PUT")]
    [InlineData("http://evil.example", "GET")]
    [InlineData("null", "GET")]
    public async Task Disallowed_preflight_gets_403(string origin, string method)
    {
        using var response = await cors.PreflightAsync(origin, method);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(response.Headers.Contains("Access-Control-Allow-Methods"));
    }

    [Fact]
    public async Task Listed_origin_is_allowed_credentials()
    {
        using var response = await cors.SendAsync(HttpMethod.Get, "https://a.mydomain.com");
        Assert.Equal("true", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Credentials")));
    }

    [Fact]
    public async Task Plain_options_request_with_origin_is_an_actual_request()
    {
        // Without Access-Control-Request-Method it is no preflight: OPTIONS must then be allowed itself.
        using var response = await cors.SendAsync(HttpMethod.Options, "http://192.168.1.1:8081");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
