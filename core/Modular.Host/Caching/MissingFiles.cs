using System.Collections.Concurrent;
using Microsoft.Extensions.Primitives;
using Modular.Host.Content;

namespace Modular.Host.Caching;

/// <summary>Paths found missing under the HTML root, remembered whether the static page cache is on or off.</summary>
/// <remarks>
/// Every request the static files do not answer (the reverse proxy's, a plugin's) would otherwise
/// look at the disk first: about 10% of a proxied request's throughput (bench/run.sh, proxy), where
/// bare YARP serves no files at all. This is not 4D's page cache (nothing of a file is kept), rather
/// nginx's open_file_cache_errors with a watcher; so it holds with the cache off too. They are trusted as
/// a cached page is: the root's watcher forgets them all at any change below the root, and each is
/// looked up again after <see cref="CachedPage.RevalidateAfterMilliseconds"/> anyway, for changes a
/// watcher misses (network file systems, links to folders outside the root, no inotify watch left).
/// At most <see cref="MaxPaths"/> are kept, so a scan of random paths cannot grow them.
/// </remarks>
internal sealed class MissingFiles(RootFileProvider root, StaticPageCache cache)
{
    private const int MaxPaths = 10_000;

    // Made at the first lookup rather than at start: a web server started and stopped unused never watches the root for this.
    private Generation? current;

    /// <summary>The paths known missing since the root last changed; a new, empty set once it has.</summary>
    public Generation Current
    {
        get
        {
            var seen = Volatile.Read(ref current);
            if (seen is not null && !seen.Watch.HasChanged && seen.Clears == cache.Clears)
            {
                return seen;
            }
            // Watch first, then forget: a change from here on fires the new token.
            var next = new Generation(root.Watch("**/*"), cache.Clears);
            return Interlocked.CompareExchange(ref current, next, seen) == seen ? next : Volatile.Read(ref current)!;
        }
    }

    internal sealed class Generation(IChangeToken watch, long clears)
    {
        private readonly ConcurrentDictionary<string, long> foundMissingAt = new(StringComparer.Ordinal);

        public IChangeToken Watch => watch;

        public long Clears => clears;

        public bool Contains(string path) =>
            foundMissingAt.TryGetValue(path, out var at) && Environment.TickCount64 - at < CachedPage.RevalidateAfterMilliseconds;

        /// <summary>Remembers a path looked up in this generation and not found; a set the root changed under since is left as it is.</summary>
        public void Add(string path)
        {
            if (!watch.HasChanged && (foundMissingAt.Count < MaxPaths || foundMissingAt.ContainsKey(path)))
            {
                foundMissingAt[path] = Environment.TickCount64;
            }
        }
    }
}
