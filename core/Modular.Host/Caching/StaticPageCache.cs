using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.Extensions.Primitives;
using Modular.Abstractions;

namespace Modular.Host.Caching;

/// <summary>4D's static page cache: pages, images and style sheets of at most 512 KB, shared by all requests.</summary>
/// <remarks>
/// Written here rather than on Microsoft.Extensions.Caching.Memory: with a size limit, MemoryCache
/// refuses a new entry when full and evicts by last access, while 4D makes room for the new page by
/// unloading "the oldest pages first, among the least demanded ones" (spec/webServerConfig.md).
/// Reads take no lock; adding and evicting are serialised.
/// </remarks>
internal sealed class StaticPageCache
{
    /// <summary>4D caches objects below 512 KB only.</summary>
    public const int MaxObjectSize = 512 * 1024;

    private readonly ConcurrentDictionary<string, CachedPage> pages = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly Counters all = new();
    private readonly Counters html = new();
    private long currentSize;
    private long sequence;
    private long clears;

    public bool IsEmpty => pages.IsEmpty;

    /// <summary>How many times the cache was cleared: what else it remembers (<see cref="MissingFiles"/>) is forgotten with it.</summary>
    public long Clears => Interlocked.Read(ref clears);

    /// <summary>The cached page for <paramref name="path"/> while it still matches the file on disk; a stale one is dropped.</summary>
    /// <remarks>Counts a hit or a miss when <paramref name="count"/>; the fast path counts its hits itself (<see cref="CountHit"/>) and leaves misses to the file provider.</remarks>
    public CachedPage? Find(string path, bool count = true)
    {
        var isHtml = count && IsHtml(path);
        if (pages.TryGetValue(path, out var page))
        {
            if (page.IsCurrent())
            {
                page.CountRequest();
                if (count)
                {
                    Tally(isHtml, counters => Interlocked.Increment(ref counters.Hits));
                }
                return page;
            }
            Remove(path, page);
        }
        if (count)
        {
            Tally(isHtml, counters => Interlocked.Increment(ref counters.Misses));
        }
        return null;
    }

    /// <summary>Caches <paramref name="content"/>, unloading the least requested, oldest pages until it fits in <paramref name="maxSize"/> bytes.</summary>
    public CachedPage? Add(string path, string realPath, byte[] content, DateTimeOffset lastModified, IChangeToken watch, long maxSize)
    {
        var isHtml = IsHtml(path);
        if (content.Length > MaxObjectSize || content.Length > maxSize)
        {
            CountFiltered(path);
            return null;
        }
        lock (gate)
        {
            if (pages.TryRemove(path, out var previous))
            {
                currentSize -= previous.MemorySize;
            }
            MakeRoom(content.Length, maxSize, keep: null);
            var page = new CachedPage(realPath, content, lastModified, watch, isHtml, ++sequence);
            pages[path] = page;
            currentSize += content.Length;
            return page;
        }
    }

    /// <summary><paramref name="page"/> in <paramref name="encoding"/>: encoded on the first request, then kept with the page while it fits in <paramref name="maxSize"/>.</summary>
    public EncodedPage Encoded(string path, CachedPage page, PageEncoding encoding, IPageEncoder encoder, long maxSize)
    {
        if (page.FindVariant(encoding) is { } known)
        {
            return known;
        }
        // Encoding takes time: outside the lock, so other pages are served and added meanwhile.
        var encoded = encoder.Encode(encoding, page.Content.Span);
        lock (gate)
        {
            var stillCached = pages.TryGetValue(path, out var current) && ReferenceEquals(current, page);
            if (stillCached && page.FindVariant(encoding) is null)
            {
                MakeRoom(encoded.Length, maxSize, keep: page);
                if (currentSize + encoded.Length <= maxSize)
                {
                    currentSize += encoded.Length;
                    return page.AddVariant(encoding, encoded);
                }
            }
            return page.FindVariant(encoding) ?? new EncodedPage(encoded, EntityTag.WithCoding(page.ETag, encoding.ContentCoding));
        }
    }

    /// <summary>Whether a page still matching the disk is held for <paramref name="path"/>; counts nothing.</summary>
    public bool HoldsCurrent(string path) => pages.TryGetValue(path, out var page) && page.IsCurrent();

    /// <summary>Counts a request served from memory by the fast path.</summary>
    public void CountHit(string path) => Tally(IsHtml(path), counters => Interlocked.Increment(ref counters.Hits));

    /// <summary>Counts a request for a file the cache does not take (over <see cref="MaxObjectSize"/>).</summary>
    public void CountFiltered(string path) => Tally(IsHtml(path), counters => Interlocked.Increment(ref counters.Filtered));

    public void Clear()
    {
        lock (gate)
        {
            pages.Clear();
            currentSize = 0;
            Interlocked.Increment(ref clears);
        }
    }

    public CacheStatistics Statistics(long maxSize, bool htmlOnly)
    {
        var counters = htmlOnly ? html : all;
        var cached = htmlOnly ? pages.Values.Where(page => page.IsHtml).ToList() : pages.Values.ToList();
        return new CacheStatistics(
            cached.Sum(page => page.MemorySize), maxSize, MaxObjectSize, cached.Count,
            Interlocked.Read(ref counters.Hits), Interlocked.Read(ref counters.Misses), Interlocked.Read(ref counters.Filtered));
    }

    private static readonly FrozenSet<string> CacheableExtensions = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        ".html", ".htm", ".xhtml", ".css", ".js", ".gif", ".jpg", ".jpeg", ".png", ".svg", ".webp", ".ico");

    private static readonly FrozenSet<string> HtmlExtensions = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, ".html", ".htm", ".xhtml");

    /// <summary>Whether a path names a page, script, image or style sheet, the kinds 4D caches.</summary>
    public static bool IsCacheable(string path) => HasExtension(path, CacheableExtensions);

    private static bool IsHtml(string path) => HasExtension(path, HtmlExtensions);

    // Checked on every request of the fast path: no string is made for the extension.
    private static bool HasExtension(string path, FrozenSet<string> extensions) =>
        extensions.GetAlternateLookup<ReadOnlySpan<char>>().Contains(Path.GetExtension(path.AsSpan()));

    private void Remove(string path, CachedPage page)
    {
        lock (gate)
        {
            if (pages.TryRemove(KeyValuePair.Create(path, page)))
            {
                currentSize -= page.MemorySize;
            }
        }
    }

    /// <summary>Unloads the least requested, oldest pages (never <paramref name="keep"/>) until <paramref name="size"/> more bytes fit; called under the lock.</summary>
    private void MakeRoom(long size, long maxSize, CachedPage? keep)
    {
        while (currentSize + size > maxSize)
        {
            var candidates = pages.Where(pair => !ReferenceEquals(pair.Value, keep)).ToList();
            if (candidates.Count == 0)
            {
                return;
            }
            var victim = candidates.MinBy(pair => (pair.Value.Requests, pair.Value.Sequence));
            pages.TryRemove(victim.Key, out _);
            currentSize -= victim.Value.MemorySize;
        }
    }

    private void Tally(bool isHtml, Action<Counters> count)
    {
        count(all);
        if (isHtml)
        {
            count(html);
        }
    }

    private sealed class Counters
    {
        public long Hits;
        public long Misses;
        public long Filtered;
    }
}
