using System.Net;

namespace Modular.Plugins.Cors.Tests;

/// <summary>Origins are parsed and compared by part, never as raw text (spec/NOTES.md, CORS).</summary>
public sealed class OriginMatchingTests(CorsServer cors) : IClassFixture<CorsServer>
{
    [Theory]
    [InlineData("https://a.mydomain.com")]
    [InlineData("http://a.b.mydomain.com:1234")]
    [InlineData("http://A.MyDomain.COM")]
    [InlineData("http://192.168.5.17:8081")]
    [InlineData("https://192.168.200.1:8081")]
    [InlineData("http://192.168.5.17:3000")]
    [InlineData("http://exact.example.org")]
    [InlineData("https://myproject.otherdomain.com:8443")]
    [InlineData("http://[::1]:9000")]
    public async Task Listed_origin_gets_its_origin_echoed(string origin)
    {
        var method = origin.Contains("exact", StringComparison.Ordinal) ? HttpMethod.Put : HttpMethod.Get;
        using var response = await cors.SendAsync(method, origin);
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(origin, Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("Origin", response.Headers.Vary);
    }

    [Theory]
    [InlineData("http://mydomain.com")]                 // the apex is not below itself
    [InlineData("http://evilmydomain.com")]             // no dot before the domain
    [InlineData("http://mydomain.com.evil.net")]        // the domain as a prefix
    [InlineData("http://192.168.5.18:8082")]            // 192.168.* only with :8081
    [InlineData("http://192.168.example.com:8081")]     // a name that looks like an address
    [InlineData("http://192.169.1.1:8081")]             // another second octet
    [InlineData("https://exact.example.org")]           // http:// only
    [InlineData("http://myproject.otherdomain.com.evil:8443")]
    [InlineData("http://[::2]:9000")]
    [InlineData("null")]                                // opaque: only '*' matches it
    [InlineData("not an origin")]
    [InlineData("http://a.mydomain.com/path")]          // not a serialized origin
    public async Task Unlisted_origin_gets_403(string origin)
    {
        using var response = await cors.SendAsync(HttpMethod.Get, origin);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("http://192.168.1.1:8081", "DELETE")]   // get;POST only
    [InlineData("http://exact.example.org", "GET")]     // put only
    [InlineData("https://myproject.otherdomain.com:8443", "POST")]
    [InlineData("http://10.1.2.3", "GET")]                // delete only
    public async Task Listed_origin_with_unlisted_method_gets_403(string origin, string method)
    {
        using var response = await cors.SendAsync(new HttpMethod(method), origin);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Methods_compare_without_case()
    {
        // 192.168.*:8081 lists "get;POST".
        using var response = await cors.SendAsync(HttpMethod.Post, "http://192.168.1.1:8081");
        Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.True(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Request_without_origin_is_served_as_usual_with_vary()
    {
        using var response = await cors.SendAsync(HttpMethod.Get, null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"answer":42}""", await response.Content.ReadAsStringAsync());
        Assert.Contains("Origin", response.Headers.Vary);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Same_origin_request_with_origin_header_is_not_cross_origin()
    {
        using var response = await cors.SendAsync(HttpMethod.Get, $"http://127.0.0.1:{cors.Server.Port}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
