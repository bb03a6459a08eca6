using System.Text;
using Microsoft.AspNetCore.Http;
using Modular.Testing;

namespace Modular.Plugins.Compression.Tests;

/// <summary>Responses from the reverse proxy go through the same compression: compressed once, whoever compressed them.</summary>
public sealed class ProxiedCompressionTests : FolderTests
{
    /// <summary>An application that answers <see cref="CompressionSite.BigPage"/>, gzip-encoded itself when <paramref name="encodes"/> and the client accepts gzip.</summary>
    private static Task<Upstream> PageAsync(bool encodes) => Upstream.StartAsync(async context =>
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        var page = Encoding.UTF8.GetBytes(CompressionSite.BigPage);
        var acceptsGzip = context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.Ordinal);
        if (encodes && acceptsGzip)
        {
            context.Response.Headers.ContentEncoding = "gzip";
            page = CompressionSite.Encode("gzip", page);
        }
        context.Response.ContentLength = page.Length;
        await context.Response.Body.WriteAsync(page);
    });

    private async Task<TestServer> StartProxyAsync(Upstream upstream)
    {
        Folder.Write("modular.json", "{\n" + Upstream.Section("/app/{**rest}", upstream) + "\n}");
        return await CompressionSite.StartAsync(Folder);
    }

    [Fact]
    public async Task A_body_the_upstream_already_encoded_passes_through_encoded_once()
    {
        await using var upstream = await PageAsync(encodes: true);
        await using var server = await StartProxyAsync(upstream);

        using var response = await CompressionSite.GetAsync(server, "/app/page", "gzip, br");

        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Equal(CompressionSite.BigPage, CompressionSite.DecodeText("gzip", await response.Content.ReadAsByteArrayAsync()));
    }

    [Theory]
    [InlineData("br")]
    [InlineData("zstd")]
    public async Task A_plain_upstream_body_is_compressed_like_a_page_of_the_root(string coding)
    {
        await using var upstream = await PageAsync(encodes: false);
        await using var server = await StartProxyAsync(upstream);

        using var response = await CompressionSite.GetAsync(server, "/app/page", coding);

        Assert.Equal([coding], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal(CompressionSite.BigPage, CompressionSite.DecodeText(coding, await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task A_client_that_accepts_no_coding_gets_the_plain_body()
    {
        await using var upstream = await PageAsync(encodes: true);
        await using var server = await StartProxyAsync(upstream);

        using var response = await CompressionSite.GetAsync(server, "/app/page", null);

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(CompressionSite.BigPage, await response.Content.ReadAsStringAsync());
    }
}
