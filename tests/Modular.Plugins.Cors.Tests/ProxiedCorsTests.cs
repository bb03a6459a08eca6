using System.Net;
using Microsoft.AspNetCore.Http;
using Modular.Testing;

namespace Modular.Plugins.Cors.Tests;

/// <summary>Requests for the reverse proxy pass the same cross-origin checks as files of the root.</summary>
public sealed class ProxiedCorsTests : FolderTests
{
    private async Task<TestServer> StartAsync(Upstream upstream)
    {
        Folder.Write("modular.json", $$"""
            {
              "CORSEnabled": true,
              "CORSSettings": [ { "host": "https://shop.example.com", "methods": "get;post" } ],
            {{Upstream.Section("/api/{**rest}", upstream)}}
            }
            """);
        return await TestServer.StartAsync(Folder, null, "--pluginsFolder", Folder.PluginsWith("cors"));
    }

    private static Task<Upstream> ApiAsync() => Upstream.StartAsync(context => context.Response.WriteAsync("""{"ok":true}"""));

    private static HttpRequestMessage Request(HttpMethod method, string origin, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, "/api/orders");
        request.Headers.TryAddWithoutValidation("Origin", origin);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    [Fact]
    public async Task An_allowed_origin_reads_the_proxied_answer()
    {
        await using var upstream = await ApiAsync();
        await using var server = await StartAsync(upstream);

        using var request = Request(HttpMethod.Get, "https://shop.example.com");
        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https://shop.example.com", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("""{"ok":true}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_preflight_is_answered_by_the_server_and_never_reaches_the_upstream()
    {
        await using var upstream = await ApiAsync();
        await using var server = await StartAsync(upstream);

        using var request = Request(HttpMethod.Options, "https://shop.example.com", ("Access-Control-Request-Method", "POST"));
        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(0, upstream.Requests);
    }

    [Fact]
    public async Task A_disallowed_origin_is_refused_before_the_upstream_sees_the_request()
    {
        await using var upstream = await ApiAsync();
        await using var server = await StartAsync(upstream);

        using var request = Request(HttpMethod.Post, "https://evil.example.net");
        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, upstream.Requests);
    }
}
