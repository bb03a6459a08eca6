using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Modular.Testing;

namespace Modular.Plugins.Compression.Tests;

/// <summary>Compressed request bodies: decoded for the endpoint, and held to maxRequestSize after decoding.</summary>
public sealed class RequestDecompressionTests : FolderTests
{
    private static async Task<HttpResponseMessage> PostAsync(TestServer server, byte[] body, string contentEncoding)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Headers.TryAddWithoutValidation("Content-Encoding", contentEncoding);
        return await server.Client.PostAsync("/body-length", content);
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    [InlineData("zstd")]
    public async Task Compressed_body_reaches_the_endpoint_decoded(string coding)
    {
        await using var server = await CompressionSite.StartAsync(Folder);
        var original = Encoding.UTF8.GetBytes(CompressionSite.BigPage);
        using var response = await PostAsync(server, CompressionSite.Encode(coding, original), coding);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(original.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Body_compressed_twice_is_decoded_twice()
    {
        await using var server = await CompressionSite.StartAsync(Folder);
        var twice = CompressionSite.Encode("br", CompressionSite.Encode("gzip", new byte[50_000]));
        using var response = await PostAsync(server, twice, "gzip, br");
        Assert.Equal("50000", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Zip_bomb_gets_413_at_max_request_size_counted_after_decoding()
    {
        await using var server = await CompressionSite.StartAsync(Folder, "--maxRequestSize", "1000000");
        // 100 MB of zeros in about 100 KB: the body declares a harmless length.
        var bomb = CompressionSite.Encode("gzip", new byte[100_000_000], System.IO.Compression.CompressionLevel.SmallestSize);
        Assert.True(bomb.Length < 1_000_000);
        using var response = await PostAsync(server, bomb, "gzip");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than maxRequestSize (1000000 bytes)", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The server is still there.
        using var after = await CompressionSite.GetAsync(server, "/small.html", null);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Body_just_under_the_limit_after_decoding_is_accepted()
    {
        await using var server = await CompressionSite.StartAsync(Folder, "--maxRequestSize", "1000000");
        using var response = await PostAsync(server, CompressionSite.Encode("gzip", new byte[999_999]), "gzip");
        Assert.Equal("999999", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("deflate")]
    [InlineData("br")]
    [InlineData("zstd")]
    public async Task Corrupt_compressed_body_gets_400(string coding)
    {
        await using var server = await CompressionSite.StartAsync(Folder);
        var corrupt = CompressionSite.Encode(coding, Encoding.UTF8.GetBytes(CompressionSite.BigPage));
        corrupt.AsSpan(4, 40).Fill(0xAB);
        using var response = await PostAsync(server, corrupt, coding);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"not valid {coding}", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("compress", "Content-Encoding 'compress' is not supported; allowed: br, zstd, gzip, deflate, identity.\n")]
    [InlineData("zstd, zstd, zstd", "At most 2 content codings are undone; the request names 3.\n")]
    public async Task Unknown_or_too_many_content_codings_get_415_saying_why(string contentEncoding, string expected)
    {
        await using var server = await CompressionSite.StartAsync(Folder);
        using var response = await PostAsync(server, [1, 2, 3], contentEncoding);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Identity_content_encoding_is_the_body_as_it_is()
    {
        await using var server = await CompressionSite.StartAsync(Folder);
        using var response = await PostAsync(server, new byte[1234], "identity");
        Assert.Equal("1234", await response.Content.ReadAsStringAsync());
    }
}
