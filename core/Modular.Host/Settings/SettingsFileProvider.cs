using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Modular.Host.Settings;

/// <summary>The settings file's folder as a file provider, watching the settings file alone.</summary>
/// <remarks>
/// <see cref="PhysicalFileProvider"/>'s own watch takes in every subfolder: on Linux one inotify watch per folder of the tree at
/// start, then an event through the watcher's thread for every write below it. The settings folder is where the debug log
/// (Logs/) and often the web root live, so each request at debugLog 1 woke that thread: over 25 s of load, 15.8k req/s with
/// the logs below the settings folder against 30.3k with them elsewhere (perf, 2026-12-03). This watch is the file's folder
/// alone, filtered to the file's name.
/// </remarks>
internal sealed class SettingsFileProvider : IFileProvider, IDisposable
{
    private readonly PhysicalFileProvider files;
    private readonly FileSystemWatcher watcher;
    private CancellationTokenSource changed = new();

    /// <param name="settingsFile">The settings file's full path; it may not exist yet.</param>
    public SettingsFileProvider(string settingsFile)
    {
        var folder = Path.GetDirectoryName(settingsFile)!;
        FileName = Path.GetFileName(settingsFile);
        // PhysicalFileProvider makes its own watcher only when asked to watch, which this class answers instead.
        files = new PhysicalFileProvider(folder);
        watcher = new FileSystemWatcher(folder, FileName)
        {
            IncludeSubdirectories = false,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
        };
        watcher.Changed += (_, _) => Signal();
        watcher.Created += (_, _) => Signal();
        watcher.Deleted += (_, _) => Signal();
        // An editor's save is often a write to a temporary file renamed over this one.
        watcher.Renamed += (_, _) => Signal();
        // Events lost (the watcher's buffer overflowed, the folder went away): read the file again rather than miss an edit.
        watcher.Error += (_, _) => Signal();
        watcher.EnableRaisingEvents = true;
    }

    /// <summary>The settings file's name in its folder: the one name <see cref="Watch"/> answers for.</summary>
    public string FileName { get; }

    public IFileInfo GetFileInfo(string subpath) => files.GetFileInfo(subpath);

    public IDirectoryContents GetDirectoryContents(string subpath) => files.GetDirectoryContents(subpath);

    /// <summary>A token that fires at the settings file's next change; any other filter is never watched.</summary>
    public IChangeToken Watch(string filter) =>
        string.Equals(filter.TrimStart('/', Path.DirectorySeparatorChar), FileName, StringComparison.Ordinal)
            ? new CancellationChangeToken(Volatile.Read(ref changed).Token)
            : NullChangeToken.Singleton;

    /// <summary>Fires the tokens handed out so far; the next <see cref="Watch"/> gets a fresh one.</summary>
    private void Signal()
    {
        var fired = Interlocked.Exchange(ref changed, new CancellationTokenSource());
        // Not disposed: a token of it may still be registering a callback on another thread; without a timer it holds nothing.
        fired.Cancel();
    }

    public void Dispose()
    {
        watcher.Dispose();
        files.Dispose();
        changed.Dispose();
    }
}
