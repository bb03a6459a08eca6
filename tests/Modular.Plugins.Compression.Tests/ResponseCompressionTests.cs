using System.Net;
using Modular.Testing;

namespace Modular.Plugins.Compression.Tests;

/// <summary>Which responses are compressed, with which coding, and what they then say about themselves.</summary>
public sealed class ResponseCompressionTests : FolderTests
{
    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    [InlineData("zstd")]
    public async Task Page_above_the_threshold_is_compressed_in_the_accepted_coding(string coding)
    {
        await using var server = await CompressionSite.StartAsync(Folder);
        using var response = await CompressionSite.GetAsync(server, "/big.html", coding);
        var encoded = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([coding], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.True(encoded.Length < CompressionSite.BigPage.Length / 3, $"{coding}: {encoded.Length} bytes");
        Assert.Equal(CompressionSite.BigPage, CompressionSite.DecodeText(coding, encoded));
        Assert.False(response.Headers.Contains("Accept-Ranges"));
    }

    [Theory]
    [InlineData("gzip;q=0.5, br;q=0.8", "br")]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("deflate, gzip", "gzip")]
    [InlineData("*", "br")]
    [InlineData("*;q=0.1, br;q=0, zstd;q=0", "gzip")]
    [InlineData("GZIP;Q=1", "gzip")]
    [InlineData("deflate;q=1.0, gzip;q=0.999", "deflate")]
    public async Task Coding_follows_the_q_values(string acceptEncoding, string expected)
    {
        await using var server = await CompressionSite.StartAsync(Folder);
        using var response = await CompressionSite.GetAsync(server, "/big.html", acceptEncoding);
        Assert.Equal([expected], response.Content.Headers.ContentEncoding);
        Assert.Equal(CompressionSite.BigPage, CompressionSite.DecodeText(expected, await response.Content.ReadAsByteArrayAsync()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("identity")]
    [InlineData("gzip;q=0, br;q=0, deflate;q=0, zstd;q=0")]
    [InlineData("compress, x-unknown")]
    public async Task Without_an_accepted_coding_the_page_is_sent_as_it_is(string? acceptEncoding)
    {
        await using var server = await CompressionSite.StartAsync(Folder);
        using var response = await CompressionSite.GetAsync(server, "/big.html", acceptEncoding);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(CompressionSite.BigPage, await response.Content.ReadAsStringAsync());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
    }

    [Fact]
    public async Task Page_below_the_threshold_is_sent_as_it_is()
    {
        await using var server = await CompressionSite.StartAsync(Folder);
        using var response = await CompressionSite.GetAsync(server, "/small.html", "gzip");
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(CompressionSite.SmallPage, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Threshold_setting_moves_the_limit()
    {
        await using var server = await CompressionSite.StartAsync(Folder, "--HTTPCompressionThreshold", "100");
        using var response = await CompressionSite.GetAsync(server, "/small.html", "gzip");
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Equal(CompressionSite.SmallPage, CompressionSite.DecodeText("gzip", await response.Content.ReadAsByteArrayAsync()));
    }

    [Theory]
    [InlineData("/photo.png")]
    [InlineData("/archive.zip")]
    public async Task Already_compressed_types_are_sent_as_they_are(string path)
    {
        await using var server = await CompressionSite.StartAsync(Folder);
        using var response = await CompressionSite.GetAsync(server, path, "gzip, br");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(8192, (await response.Content.ReadAsByteArrayAsync()).Length);
    }

    [Fact]
    public async Task Response_that_already_has_a_content_encoding_is_not_compressed_again()
    {
        await using var server = await CompressionSite.StartAsync(Folder);
        using var response = await CompressionSite.GetAsync(server, "/encoded", "br, gzip");
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Equal(new byte[4096], CompressionSite.Decode("gzip", await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Range_request_gets_identity_bytes()
    {
        await using var server = await CompressionSite.StartAsync(Folder);
        using var response = await CompressionSite.GetAsync(server, "/big.html", "gzip", ("Range", "bytes=0-14"));
        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal("<!doctype html>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Compressed_variant_has_its_own_etag_and_if_none_match_still_gives_304()
    {
        await using var server = await CompressionSite.StartAsync(Folder);
        using var identity = await CompressionSite.GetAsync(server, "/big.html", null);
        using var gzip = await CompressionSite.GetAsync(server, "/big.html", "gzip");
        var identityTag = identity.Headers.ETag!.Tag;
        var gzipTag = gzip.Headers.ETag!.Tag;
        Assert.NotEqual(identityTag, gzipTag);
        Assert.Equal(identityTag[..^1] + "-gzip\"", gzipTag);

        using var revalidated = await CompressionSite.GetAsync(server, "/big.html", "gzip", ("If-None-Match", gzipTag));
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Equal(gzipTag, revalidated.Headers.ETag!.Tag);

        using var identityRevalidated = await CompressionSite.GetAsync(server, "/big.html", null, ("If-None-Match", identityTag));
        Assert.Equal(HttpStatusCode.NotModified, identityRevalidated.StatusCode);
        Assert.Equal(identityTag, identityRevalidated.Headers.ETag!.Tag);

        // A brotli client holding the gzip variant's tag holds nothing it can use.
        using var otherCoding = await CompressionSite.GetAsync(server, "/big.html", "br", ("If-None-Match", gzipTag));
        Assert.Equal(HttpStatusCode.OK, otherCoding.StatusCode);
        Assert.Equal(["br"], otherCoding.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Head_request_announces_the_coding_without_a_body()
    {
        await using var server = await CompressionSite.StartAsync(Folder);
        using var request = new HttpRequestMessage(HttpMethod.Head, "/big.html");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Null(CompressionSite.SentContentLength(response));
    }

    [Fact]
    public async Task Short_response_of_unknown_length_is_sent_as_it_is_with_its_length()
    {
        await using var server = await CompressionSite.StartAsync(Folder);
        using var response = await CompressionSite.GetAsync(server, "/text", "gzip");
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal("5", CompressionSite.SentContentLength(response));
        Assert.Equal("plain", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Streamed_response_is_compressed_as_it_streams()
    {
        await using var server = await CompressionSite.StartAsync(Folder);
        using var response = await CompressionSite.GetAsync(server, "/stream?lines=2000", "gzip");
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        var text = CompressionSite.DecodeText("gzip", await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(2000, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("line 0 of a streamed response\nline 1 ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bytes_written_to_body_writer_without_a_flush_are_compressed_and_sent()
    {
        await using var server = await CompressionSite.StartAsync(Folder);
        using var response = await CompressionSite.GetAsync(server, "/pipe", "gzip");
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Equal(new string('p', 5000), CompressionSite.DecodeText("gzip", await response.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task Level_is_validated_with_4d_values()
    {
        WriteSettings("""{ "HTTPCompressionLevel": 0 }""");
        var error = Assert.Single(await TestServer.StartFailsAsync(Folder, null, "--pluginsFolder", Folder.PluginsWith("compression")));
        Assert.Contains("compression: HTTPCompressionLevel = '0'", error, StringComparison.Ordinal);
        Assert.Contains("must be 1..9 or -1", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("9")]
    [InlineData("-1")]
    public async Task Every_allowed_level_compresses(string level)
    {
        await using var server = await CompressionSite.StartAsync(Folder, "--HTTPCompressionLevel", level);
        using var response = await CompressionSite.GetAsync(server, "/big.html", "gzip");
        Assert.Equal(CompressionSite.BigPage, CompressionSite.DecodeText("gzip", await response.Content.ReadAsByteArrayAsync()));
    }

    private void WriteSettings(string json) => Folder.Write("modular.json", json);
}
