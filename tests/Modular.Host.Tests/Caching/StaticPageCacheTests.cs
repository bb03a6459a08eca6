using Modular.Testing;
using System.Net.Http.Headers;

namespace Modular.Host.Tests.Caching;

public sealed class StaticPageCacheTests : FolderTests
{
    private const int Kilobyte = 1024;

    private Task<TestServer> StartAsync(params string[] settings) =>
        TestServer.StartAsync(Folder, null, ["--staticCacheEnabled", "1", .. settings]);

    private static async Task<(long Hits, long Misses, long Objects)> StatsAsync(TestServer server, string page = "/4DSTATS")
    {
        var html = await server.Client.GetStringAsync(page);
        return (StatisticsPage.Number(html, "Cache Hits"), StatisticsPage.Number(html, "Cache Misses"), StatisticsPage.Number(html, "Cached Objects"));
    }

    private void WritePage(string name, int kilobytes) => Folder.Write("WebFolder/" + name, new string('x', kilobytes * Kilobyte));

    [Fact]
    public async Task A_second_request_is_a_hit_counted_in_4DSTATS()
    {
        WritePage("page.html", 1);
        await using var server = await StartAsync();

        var first = await server.Client.GetStringAsync("/page.html");
        var second = await server.Client.GetStringAsync("/page.html");

        Assert.Equal(first, second);
        Assert.Equal((1L, 1L, 1L), await StatsAsync(server));
    }

    [Fact]
    public async Task Cached_pages_keep_ETag_304_and_ranges()
    {
        WritePage("page.html", 1);
        await using var server = await StartAsync();
        var uncached = await server.Client.GetAsync("/page.html");

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/page.html");
        conditional.Headers.IfNoneMatch.Add(uncached.Headers.ETag!);
        using var ranged = new HttpRequestMessage(HttpMethod.Get, "/page.html");
        ranged.Headers.Range = new RangeHeaderValue(10, 19);
        var notModified = await server.Client.SendAsync(conditional);
        var part = await server.Client.SendAsync(ranged);

        Assert.Equal(304, (int)notModified.StatusCode);
        Assert.Equal(uncached.Headers.ETag, notModified.Headers.ETag);
        Assert.Equal((206, "xxxxxxxxxx"), ((int)part.StatusCode, await part.Content.ReadAsStringAsync()));
        Assert.Equal(2, (await StatsAsync(server)).Hits);
    }

    [Fact]
    public async Task A_file_changed_on_disk_is_served_fresh()
    {
        var path = Folder.Write("WebFolder/page.html", "old");
        await using var server = await StartAsync();
        Assert.Equal("old", await server.Client.GetStringAsync("/page.html"));
        Assert.Equal("old", await server.Client.GetStringAsync("/page.html"));

        File.WriteAllText(path, "new content");
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(1));

        // The root's watcher reports the change within milliseconds; the once-a-second stat bounds it otherwise.
        var served = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(3);
        do
        {
            served.Add(await server.Client.GetStringAsync("/page.html"));
        }
        while (served[^1] != "new content" && DateTime.UtcNow < deadline);
        Assert.Equal("new content", served[^1]);
    }

    [Fact]
    public async Task A_file_removed_from_disk_is_not_served_from_the_cache()
    {
        var path = Folder.Write("WebFolder/page.html", "soon gone");
        await using var server = await StartAsync();
        await server.Client.GetStringAsync("/page.html");
        await server.Client.GetStringAsync("/page.html");

        File.Delete(path);

        var deadline = DateTime.UtcNow.AddSeconds(3);
        int status;
        do
        {
            status = (int)(await server.Client.GetAsync("/page.html")).StatusCode;
        }
        while (status != 404 && DateTime.UtcNow < deadline);
        Assert.Equal(404, status);
    }

    [Fact]
    public async Task The_fast_path_sends_the_headers_of_the_file_itself()
    {
        WritePage("page.html", 1);
        await using var server = await StartAsync();

        var fromDisk = await server.Client.GetAsync("/page.html");
        var fromMemory = await server.Client.GetAsync("/page.html");

        Assert.Equal(1, (await StatsAsync(server)).Hits);
        Assert.Equal(fromDisk.Headers.ETag, fromMemory.Headers.ETag);
        Assert.Equal(fromDisk.Content.Headers.LastModified, fromMemory.Content.Headers.LastModified);
        Assert.Equal(fromDisk.Content.Headers.ContentType, fromMemory.Content.Headers.ContentType);
        Assert.Equal(1024, fromMemory.Content.Headers.ContentLength);
        Assert.Equal("bytes", fromMemory.Headers.AcceptRanges.Single());
    }

    [Fact]
    public async Task When_full_the_least_requested_page_leaves_first()
    {
        WritePage("a.html", 400);
        WritePage("b.html", 400);
        WritePage("c.html", 400);
        await using var server = await StartAsync("--staticCacheSize", "1");
        foreach (var page in new[] { "/a.html", "/a.html", "/a.html", "/b.html" })
        {
            await server.Client.GetStringAsync(page);
        }

        await server.Client.GetStringAsync("/c.html");
        var (hitsBefore, missesBefore, objects) = await StatsAsync(server);
        await server.Client.GetStringAsync("/a.html");
        await server.Client.GetStringAsync("/b.html");
        var (hitsAfter, missesAfter, _) = await StatsAsync(server);

        Assert.Equal(2, objects);
        Assert.Equal(hitsBefore + 1, hitsAfter);
        Assert.Equal(missesBefore + 1, missesAfter);
    }

    [Fact]
    public async Task Among_equally_requested_pages_the_oldest_leaves_first()
    {
        WritePage("a.html", 400);
        WritePage("b.html", 400);
        WritePage("c.html", 400);
        await using var server = await StartAsync("--staticCacheSize", "1");
        await server.Client.GetStringAsync("/a.html");
        await server.Client.GetStringAsync("/b.html");

        await server.Client.GetStringAsync("/c.html");
        var (hitsBefore, missesBefore, _) = await StatsAsync(server);
        await server.Client.GetStringAsync("/b.html");
        await server.Client.GetStringAsync("/c.html");
        var (hitsAfter, missesAfter, _) = await StatsAsync(server);

        Assert.Equal(hitsBefore + 2, hitsAfter);
        Assert.Equal(missesBefore, missesAfter);
    }

    [Fact]
    public async Task Objects_over_512_KB_are_filtered_not_cached()
    {
        WritePage("big.html", 513);
        await using var server = await StartAsync();

        await server.Client.GetStringAsync("/big.html");
        var html = await server.Client.GetStringAsync("/4DHTMLSTATS");

        Assert.Equal("1", StatisticsPage.Value(html, "Filtered Objects"));
        Assert.Equal("0", StatisticsPage.Value(html, "Cached Objects"));
        Assert.Equal("524288", StatisticsPage.Value(html, "Cached Object Max Size"));
    }

    [Fact]
    public async Task HTMLSTATS_counts_HTML_pages_only()
    {
        WritePage("page.html", 1);
        WritePage("style.css", 1);
        await using var server = await StartAsync();

        await server.Client.GetStringAsync("/page.html");
        await server.Client.GetStringAsync("/style.css");

        Assert.Equal(2, (await StatsAsync(server)).Objects);
        Assert.Equal(1, (await StatsAsync(server, "/4DHTMLSTATS")).Objects);
        Assert.Equal("2048", StatisticsPage.Value(await server.Client.GetStringAsync("/4DSTATS"), "Cache Current Size"));
    }

    [Fact]
    public async Task CACHECLEAR_empties_the_cache()
    {
        WritePage("page.html", 1);
        await using var server = await StartAsync();
        await server.Client.GetStringAsync("/page.html");

        Assert.Contains("Cache cleared", await server.Client.GetStringAsync("/4DCACHECLEAR"), StringComparison.Ordinal);
        Assert.Equal(0, (await StatsAsync(server)).Objects);
    }

    [Fact]
    public async Task The_cache_is_off_by_default()
    {
        WritePage("page.html", 1);
        await using var server = await TestServer.StartAsync(Folder);

        await server.Client.GetStringAsync("/page.html");
        await server.Client.GetStringAsync("/page.html");

        Assert.Equal((0L, 0L, 0L), await StatsAsync(server));
    }
}
