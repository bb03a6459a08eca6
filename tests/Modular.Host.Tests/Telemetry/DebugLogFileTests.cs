using Modular.Testing;

namespace Modular.Host.Tests.Telemetry;

/// <summary>The debug log's files: turned on and off at runtime, numbered per start, handed over at debugLogFileSize, and kept out
/// of the page cache once written.</summary>
public sealed class DebugLogFileTests : DebugLogServerTests
{
    [Fact]
    public async Task Level_0_writes_no_file_and_a_change_through_the_admin_API_applies_to_the_next_request_either_way()
    {
        var (server, adminClient) = await StartWithAdminAsync();
        using var _ = server;
        using var __ = adminClient;
        (await server.Client.GetAsync("/page.html?before")).Dispose();
        await Task.Delay(500);
        Assert.False(Directory.Exists(Folder.Combine("Logs")));

        await SetDebugLogAsync(adminClient, 1);
        (await server.Client.GetAsync("/page.html?after")).Dispose();

        var spans = await DebugLogFile.SpansAsync(Folder, 1);
        Assert.Equal("/page.html?after", DebugLogFile.Text(Assert.Single(DebugLogFile.Requests(spans)), "modular.http.request_line")!.Split(' ')[1]);

        // Off again: the next request is not logged; on once more: the log goes on in the next file, the first one kept as it was.
        await SetDebugLogAsync(adminClient, 0);
        // Turning the log off wrote what was queued and closed the file.
        var first = await File.ReadAllBytesAsync(DebugLogFile.Path(Folder));
        (await server.Client.GetAsync("/page.html?off")).Dispose();
        await SetDebugLogAsync(adminClient, 1);
        (await server.Client.GetAsync("/page.html?again")).Dispose();

        var again = await DebugLogFile.SpansAsync(Folder, 1, number: 2);
        Assert.Equal("/page.html?again", DebugLogFile.Text(Assert.Single(DebugLogFile.Requests(again)), "modular.http.request_line")!.Split(' ')[1]);
        Assert.Equal(first, await File.ReadAllBytesAsync(DebugLogFile.Path(Folder)));
    }

    [Fact]
    public async Task Each_start_takes_a_new_file_number_and_a_full_file_hands_over_to_the_next()
    {
        Folder.Write("Logs/HTTPDebugLog_01.txt", "an earlier start's log\n");
        Folder.Write("WebFolder/big.html", new string('b', 300_000));
        using (var server = await StartAsync("--debugLog", "3", "--debugLogFileSize", "1", "--debugLogBodyLimit", "300000"))
        {
            // Four spans of about 300 KB each pass 1 MB: the fifth goes to the next file.
            for (var i = 0; i < 5; i++)
            {
                (await server.Client.GetAsync($"/big.html?{i}")).Dispose();
                await DebugLogFile.SpansAsync(Folder, 1, number: i < 4 ? 2 : 3);
            }
        }

        Assert.Equal("an earlier start's log\n", File.ReadAllText(DebugLogFile.Path(Folder, 1)));
        Assert.Equal(4, DebugLogFile.Requests(await DebugLogFile.SpansAsync(Folder, 4, number: 2)).Count());
        Assert.Single(DebugLogFile.Requests(await DebugLogFile.SpansAsync(Folder, 1, number: 3)));
    }

    [Fact]
    public async Task A_full_file_leaves_the_page_cache_before_the_next_one_starts()
    {
        var (server, logs) = await WriteBigSpansAsync(5, fileSizeMb: 1);
        using (server)
        using (logs)
        {
            // Four spans of about 300 KB pass 1 MB: the fifth starts the second file, once the first is done.
            var full = logs.Combine("HTTPDebugLog_01.txt");
            await Polling.UntilAsync(() => File.Exists(logs.Combine("HTTPDebugLog_02.txt")), seconds: 10);

            Assert.InRange(new FileInfo(full).Length, 1 << 20, 2 << 20);
            Assert.Equal(0, PageCache.ResidentBytes(full));
        }
    }

    [Fact]
    public async Task A_growing_file_keeps_no_more_than_8_MB_in_the_page_cache()
    {
        var (server, logs) = await WriteBigSpansAsync(40, fileSizeMb: 100);
        using (server)
        using (logs)
        {
            // 40 spans of 300 KB: 12 MB, all in one file.
            var file = new FileInfo(logs.Combine("HTTPDebugLog_01.txt"));
            long Cached() => PageCache.ResidentBytes(file.FullName);
            await Polling.UntilAsync(() => { file.Refresh(); return file.Exists && file.Length >= 40 * 300_000 && Cached() <= file.Length - (8 << 20); }, seconds: 10);

            Assert.InRange(Cached(), 0, file.Length - (8 << 20));
        }
    }

    /// <summary>A server after <paramref name="count"/> requests of a 300 KB page at debugLog 3, each a span of that size, and its
    /// logs folder: on the repository's disk, not in the temporary folder, since a tmpfs's pages are its files, never dropped.</summary>
    private async Task<(ServerProcess Server, TempFolder Logs)> WriteBigSpansAsync(int count, int fileSizeMb)
    {
        var logs = new TempFolder(Path.Combine(RepoPaths.Root, "artifacts", "test-logs"));
        Folder.Write("WebFolder/big.html", new string('b', 300_000));
        var server = await StartAsync("--debugLog", "3", "--debugLogFileSize", fileSizeMb.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--debugLogBodyLimit", "300000", "--logsFolder", logs.Path);
        for (var i = 0; i < count; i++)
        {
            (await server.Client.GetAsync($"/big.html?{i}")).Dispose();
        }
        return (server, logs);
    }
}
