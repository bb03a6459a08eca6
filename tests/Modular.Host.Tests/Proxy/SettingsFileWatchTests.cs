using System.Globalization;
using Modular.Testing;

namespace Modular.Host.Tests.Proxy;

/// <summary>The settings file is followed (its ReverseProxy section applies without a restart) by a watch on it alone, not on
/// the tree below its folder, where the debug log and often the web root write.</summary>
public sealed class SettingsFileWatchTests : FolderTests
{
    private const int Subfolders = 40;

    [Fact]
    public async Task The_server_watches_the_settings_file_without_the_subfolders_of_its_folder()
    {
        Folder.Write("WebFolder/index.html", "<p>home</p>");
        for (var number = 0; number < Subfolders; number++)
        {
            Directory.CreateDirectory(Folder.Combine("data", number.ToString("00", CultureInfo.InvariantCulture)));
        }
        using var server = await ServerProcess.StartAsync(Folder, null);
        Assert.Equal("<p>home</p>", await server.Client.GetStringAsync("/"));

        // Every inotify watch the process holds: the web root's (its one folder) and the settings file's folder, a few more at most.
        var watches = InotifyWatches(server.Process.Process.Id);
        Assert.InRange(watches, 1, 10);
    }

    /// <summary>The inotify watches of process <paramref name="pid"/>: one "inotify wd:" line each in the fdinfo of its inotify descriptors.</summary>
    private static int InotifyWatches(int pid)
    {
        var count = 0;
        foreach (var descriptor in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
        {
            if (new FileInfo(descriptor).LinkTarget == "anon_inode:inotify")
            {
                count += File.ReadLines($"/proc/{pid}/fdinfo/{Path.GetFileName(descriptor)}").Count(line => line.StartsWith("inotify wd:", StringComparison.Ordinal));
            }
        }
        return count;
    }
}
