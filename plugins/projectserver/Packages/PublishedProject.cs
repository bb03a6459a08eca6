using Microsoft.Extensions.Logging;

namespace Modular.Plugins.ProjectServer.Packages;

/// <summary>One published project: its current package, the older versions connected clients still hold, and the reloads
/// that build a new one (at start, after its files change, on request).</summary>
/// <remarks>A client keeps the version it connected with until it reconnects (spec/NOTES.md, Client/server), so a version
/// lives while a connection holds it, and its file is removed once none does and it is no longer current.</remarks>
internal sealed class PublishedProject : IDisposable
{
    /// <summary>How long the files must stay still before a change reloads the project: an editor's save or a checkout
    /// touches many files at once, and one package should follow them all.</summary>
    public static readonly TimeSpan ChangeSettleTime = TimeSpan.FromMilliseconds(500);

    private readonly string packagesFolder;
    private readonly ILogger logger;
    private readonly SemaphoreSlim reloading = new(1, 1);
    private readonly Lock gate = new();
    private readonly Dictionary<string, (ProjectPackage Package, int Holders)> versions = new(StringComparer.Ordinal);
    private readonly FileSystemWatcher watcher;
    private readonly Timer settle;
    private ProjectPackage? current;
    private bool disposed;

    public PublishedProject(string name, string folder, string projectFile, string packagesFolder, ILogger logger)
    {
        Name = name;
        Folder = folder;
        ProjectFile = projectFile;
        this.packagesFolder = packagesFolder;
        this.logger = logger;
        settle = new Timer(_ => _ = ReloadAfterChangeAsync());
        watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = true };
        watcher.Changed += OnChange;
        watcher.Created += OnChange;
        watcher.Deleted += OnChange;
        watcher.Renamed += OnChange;
        // Lost events (a full inotify queue) may hide a change: reload to be sure.
        watcher.Error += (_, _) => settle.Change(ChangeSettleTime, Timeout.InfiniteTimeSpan);
    }

    public string Name { get; }

    public string Folder { get; }

    /// <summary>The *.4DProject file's name, without its folder.</summary>
    public string ProjectFile { get; }

    public ProjectPackage Current => current ?? throw new InvalidOperationException($"project {Name} has not been built yet");

    /// <summary>Builds the first package and starts following changes.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ReloadAsync(cancellationToken).ConfigureAwait(false);
        watcher.EnableRaisingEvents = true;
    }

    /// <summary>Builds the package from the files as they are now; the result is the new current version (or the same, unchanged).</summary>
    public async Task<ProjectPackage> ReloadAsync(CancellationToken cancellationToken)
    {
        await reloading.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var built = await Task.Run(() => PackageBuilder.Build(Folder, packagesFolder), cancellationToken).ConfigureAwait(false);
            ProjectPackage? replaced;
            lock (gate)
            {
                replaced = current;
                current = built;
                versions.TryAdd(built.Version, (built, 0));
                if (replaced is not null && replaced.Version != built.Version)
                {
                    DropIfUnheld(replaced.Version);
                }
            }
            if (replaced?.Version != built.Version)
            {
                logger.PackageBuilt(Name, built.Version, built.Files, built.Size, built.BuildTime.TotalMilliseconds);
            }
            return built;
        }
        finally
        {
            reloading.Release();
        }
    }

    /// <summary>The current version, now held by one more connection.</summary>
    public ProjectPackage Hold()
    {
        lock (gate)
        {
            var package = Current;
            var held = versions[package.Version];
            versions[package.Version] = (package, held.Holders + 1);
            return package;
        }
    }

    /// <summary>A connection let go of <paramref name="version"/>; its file goes once no one holds it and it is not current.</summary>
    public void Release(string version)
    {
        lock (gate)
        {
            if (versions.TryGetValue(version, out var held))
            {
                versions[version] = (held.Package, Math.Max(0, held.Holders - 1));
                DropIfUnheld(version);
            }
        }
    }

    /// <summary>The package of <paramref name="version"/> while it is current or held, else null.</summary>
    public ProjectPackage? Find(string version)
    {
        lock (gate)
        {
            return versions.TryGetValue(version, out var held) ? held.Package : null;
        }
    }

    /// <summary>How many connections hold each version now.</summary>
    public IReadOnlyDictionary<string, int> Holders()
    {
        lock (gate)
        {
            return versions.ToDictionary(pair => pair.Key, pair => pair.Value.Holders, StringComparer.Ordinal);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            disposed = true;
        }
        watcher.Dispose();
        settle.Dispose();
    }

    private void DropIfUnheld(string version)
    {
        if (versions[version].Holders > 0 || version == current?.Version)
        {
            return;
        }
        var package = versions[version].Package;
        versions.Remove(version);
        try
        {
            // A download already under way keeps reading: the file's data lives while it is open.
            File.Delete(package.Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.PackageNotRemoved(package.Path, e.Message);
        }
    }

    private void OnChange(object sender, FileSystemEventArgs change)
    {
        var relative = Path.GetRelativePath(Folder, change.FullPath).Replace(Path.DirectorySeparatorChar, '/');
        if (!PackageContents.IsLeftOut(relative))
        {
            settle.Change(ChangeSettleTime, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task ReloadAfterChangeAsync()
    {
        try
        {
            await ReloadAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The old version keeps being served; the next change tries again.
            logger.ReloadFailed(Name, e.Message);
        }
    }
}
