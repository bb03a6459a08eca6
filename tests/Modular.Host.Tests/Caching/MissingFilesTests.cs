using System.Net;
using Modular.Host.Caching;
using Modular.Host.Content;
using Modular.Testing;

namespace Modular.Host.Tests.Caching;

/// <summary>A path found missing is remembered until the root changes, and for a second at most, with the static cache on or off.</summary>
public sealed class MissingFilesTests : FolderTests
{
    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public async Task A_file_created_after_a_miss_is_served_once_the_watcher_sees_it(string staticCacheEnabled)
    {
        await using var server = await TestServer.StartAsync(Folder, null, "--staticCacheEnabled", staticCacheEnabled);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/late.txt")).StatusCode);

        Folder.Write("WebFolder/late.txt", "late");

        var (status, body) = await Polling.UntilStatusAsync(server.Client, "/late.txt", HttpStatusCode.OK, seconds: 5);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("late", body);
    }

    [Fact]
    public async Task A_miss_is_remembered_until_the_cache_is_cleared_and_for_a_second_at_most()
    {
        Directory.CreateDirectory(Folder.Combine("WebFolder"));
        using var root = new RootFileProvider(Folder.Combine("WebFolder"));
        var cache = new StaticPageCache();
        var missing = new MissingFiles(root, cache);

        missing.Current.Add("/gone.txt");
        var remembered = missing.Current.Contains("/gone.txt");
        cache.Clear();
        var afterClear = missing.Current.Contains("/gone.txt");
        missing.Current.Add("/gone.txt");
        await Task.Delay(TimeSpan.FromMilliseconds(CachedPage.RevalidateAfterMilliseconds + 100));
        var aSecondLater = missing.Current.Contains("/gone.txt");

        Assert.True(remembered);
        Assert.False(afterClear, "clearing the cache forgets the missing paths too");
        Assert.False(aSecondLater, "a missing path is looked up again after a second whatever the watcher says");
    }

    [Fact]
    public async Task A_change_below_the_root_forgets_every_missing_path()
    {
        Directory.CreateDirectory(Folder.Combine("WebFolder", "deep"));
        using var root = new RootFileProvider(Folder.Combine("WebFolder"));
        var missing = new MissingFiles(root, new StaticPageCache());
        missing.Current.Add("/other.txt");

        Folder.Write("WebFolder/deep/new.txt", "new");

        var forgotten = false;
        for (var attempt = 0; attempt < 40 && !forgotten; attempt++)
        {
            await Task.Delay(20);
            forgotten = !missing.Current.Contains("/other.txt");
        }
        Assert.True(forgotten, "the watcher's change forgets paths other than the changed one too (within 0.8 s, before the revalidation)");
    }
}
