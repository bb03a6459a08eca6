using System.Net;
using Modular.Testing;

namespace Modular.Plugins.Compression.Tests;

/// <summary>With the static page cache on, a page is compressed once per coding and level and the variant is kept with the page.</summary>
public sealed class CachedVariantTests : FolderTests
{
    private Task<TestServer> StartCachedAsync(params string[] settings) =>
        CompressionSite.StartAsync(Folder, ["--staticCacheEnabled", "true", .. settings]);

    /// <summary>The bytes the cache holds, from 4D's statistics page.</summary>
    private static async Task<long> CacheBytesAsync(TestServer server) =>
        StatisticsPage.Number(await server.Client.GetStringAsync("/4DSTATS"), "Cache Current Size");

    [Fact]
    public async Task Cached_page_is_answered_from_the_kept_variant()
    {
        await using var server = await StartCachedAsync();
        using var first = await CompressionSite.GetAsync(server, "/big.html", "gzip");
        var firstBytes = await first.Content.ReadAsByteArrayAsync();
        using var second = await CompressionSite.GetAsync(server, "/big.html", "gzip");
        var secondBytes = await second.Content.ReadAsByteArrayAsync();

        Assert.Equal(["gzip"], second.Content.Headers.ContentEncoding);
        Assert.Equal(CompressionSite.BigPage, CompressionSite.DecodeText("gzip", secondBytes));
        // From memory the variant's length is known in advance; compressed on the fly it is not.
        Assert.Null(CompressionSite.SentContentLength(first));
        Assert.True(first.Headers.TransferEncodingChunked);
        Assert.Equal(secondBytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), CompressionSite.SentContentLength(second));
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Contains("Accept-Encoding", second.Headers.Vary);
        Assert.False(second.Headers.Contains("Accept-Ranges"));

        using var third = await CompressionSite.GetAsync(server, "/big.html", "gzip");
        Assert.Equal(secondBytes, await third.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Cached_home_page_is_answered_from_its_variant()
    {
        Folder.Write("WebFolder/index.html", CompressionSite.BigPage);
        await using var server = await StartCachedAsync();
        using (await CompressionSite.GetAsync(server, "/", "br"))
        {
        }
        using var cached = await CompressionSite.GetAsync(server, "/", "br");
        var bytes = await cached.Content.ReadAsByteArrayAsync();
        Assert.Equal(["br"], cached.Content.Headers.ContentEncoding);
        Assert.Equal(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), CompressionSite.SentContentLength(cached));
        Assert.Equal(CompressionSite.BigPage, CompressionSite.DecodeText("br", bytes));
    }

    [Fact]
    public async Task Cached_variant_is_made_at_level_9_whatever_the_level_on_the_fly()
    {
        await using var server = await StartCachedAsync("--HTTPCompressionLevel", "1");
        using var onTheFly = await CompressionSite.GetAsync(server, "/big.html", "gzip");
        var firstLength = (await onTheFly.Content.ReadAsByteArrayAsync()).Length;
        using var cached = await CompressionSite.GetAsync(server, "/big.html", "gzip");
        var cachedBytes = await cached.Content.ReadAsByteArrayAsync();
        var level9 = CompressionSite.Encode("gzip", System.Text.Encoding.UTF8.GetBytes(CompressionSite.BigPage), System.IO.Compression.CompressionLevel.SmallestSize);
        Assert.True(cachedBytes.Length < firstLength, $"cached {cachedBytes.Length} bytes, on the fly {firstLength}");
        Assert.InRange(cachedBytes.Length, level9.Length * 9 / 10, level9.Length * 11 / 10);
    }

    [Fact]
    public async Task Variant_counts_in_the_cache_size_once()
    {
        await using var server = await StartCachedAsync();
        using (await CompressionSite.GetAsync(server, "/big.html", null))
        {
        }
        var identityOnly = await CacheBytesAsync(server);
        Assert.True(identityOnly >= CompressionSite.BigPage.Length);

        using var gzip = await CompressionSite.GetAsync(server, "/big.html", "gzip");
        var variantLength = (await gzip.Content.ReadAsByteArrayAsync()).Length;
        Assert.Equal(identityOnly + variantLength, await CacheBytesAsync(server));

        using (await CompressionSite.GetAsync(server, "/big.html", "gzip"))
        {
        }
        Assert.Equal(identityOnly + variantLength, await CacheBytesAsync(server));
    }

    [Fact]
    public async Task Each_coding_gets_its_own_variant_and_identity_stays_identity()
    {
        await using var server = await StartCachedAsync();
        foreach (var coding in new[] { "br", "gzip", "zstd", "deflate" })
        {
            using (await CompressionSite.GetAsync(server, "/big.html", coding))
            {
            }
            using var cached = await CompressionSite.GetAsync(server, "/big.html", coding);
            Assert.Equal([coding], cached.Content.Headers.ContentEncoding);
            Assert.Equal(CompressionSite.BigPage, CompressionSite.DecodeText(coding, await cached.Content.ReadAsByteArrayAsync()));
        }
        using var identity = await CompressionSite.GetAsync(server, "/big.html", null);
        Assert.Empty(identity.Content.Headers.ContentEncoding);
        Assert.Equal(CompressionSite.BigPage, await identity.Content.ReadAsStringAsync());
        Assert.Equal("bytes", Assert.Single(identity.Headers.AcceptRanges));
    }

    [Fact]
    public async Task Changed_file_drops_its_variants()
    {
        await using var server = await StartCachedAsync();
        using (await CompressionSite.GetAsync(server, "/style.css", "gzip"))
        {
        }
        using (await CompressionSite.GetAsync(server, "/style.css", "gzip"))
        {
        }
        var changed = string.Concat(Enumerable.Repeat(".b { color: blue; }\n", 300));
        await File.WriteAllTextAsync(Folder.Combine("WebFolder", "style.css"), changed);
        File.SetLastWriteTimeUtc(Folder.Combine("WebFolder", "style.css"), DateTime.UtcNow.AddMinutes(1));

        var deadline = DateTime.UtcNow.AddSeconds(5);
        string text;
        do
        {
            using var response = await CompressionSite.GetAsync(server, "/style.css", "gzip");
            text = CompressionSite.DecodeText("gzip", await response.Content.ReadAsByteArrayAsync());
        }
        while (text != changed && DateTime.UtcNow < deadline);
        Assert.Equal(changed, text);
    }

    [Fact]
    public async Task Small_and_precompressed_files_are_served_from_the_cache_as_they_are()
    {
        await using var server = await StartCachedAsync();
        foreach (var path in new[] { "/small.html", "/photo.png" })
        {
            using (await CompressionSite.GetAsync(server, path, "gzip"))
            {
            }
            using var cached = await CompressionSite.GetAsync(server, path, "gzip");
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
            Assert.Empty(cached.Content.Headers.ContentEncoding);
        }
    }
}
