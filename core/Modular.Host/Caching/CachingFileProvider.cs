using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Modular.Host.Content;
using Modular.Host.Settings;

namespace Modular.Host.Caching;

/// <summary>The HTML root seen through the static page cache: a cacheable file is read once, then served from memory while it matches the disk.</summary>
/// <remarks>
/// Requests the fast path (<see cref="CachedPageResponder"/>) leaves to the static file middleware
/// (ranges, conditional requests, first requests) come here; ETag, Last-Modified, 304 and Range
/// then apply to the cached copy as to a file.
/// </remarks>
internal sealed class CachingFileProvider(RootFileProvider root, StaticPageCache cache, IOptionsMonitor<StaticCacheSettings> settings) : IFileProvider
{
    private readonly MissingFiles missing = new(root, cache);

    public IFileInfo GetFileInfo(string subpath)
    {
        var current = settings.CurrentValue;
        if (!current.staticCacheEnabled || !StaticPageCache.IsCacheable(subpath))
        {
            return FindOnDisk(subpath);
        }
        if (cache.Find(subpath) is { } cached)
        {
            return cached;
        }
        // Watch first, then look and read: a change after this point fires the token instead of being missed.
        var watch = root.Watch(subpath);
        var file = FindOnDisk(subpath);
        if (file is not RootFile { Exists: true } found)
        {
            return file;
        }
        if (file.Length > StaticPageCache.MaxObjectSize)
        {
            cache.CountFiltered(subpath);
            return file;
        }
        if (root.RelativePath(found.RealPath) is { } target && target != subpath.TrimStart('/'))
        {
            // Reached through a link: a change of the link's target must drop the page too.
            watch = new CompositeChangeToken([watch, root.Watch(target)]);
        }
        byte[] content;
        try
        {
            content = File.ReadAllBytes(found.RealPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return file;
        }
        if (content.Length != file.Length)
        {
            // Modified while being read: serve the file itself and cache it on a later request.
            return file;
        }
        return (IFileInfo?)cache.Add(subpath, found.RealPath, content, file.LastModified, watch, current.MaxSizeBytes) ?? file;
    }

    /// <summary>Whether the root holds <paramref name="subpath"/>, asked without counting a hit or a miss (the home page's rewrite
    /// asks before the request is served, which counts once).</summary>
    public bool Exists(string subpath) =>
        (settings.CurrentValue.staticCacheEnabled && cache.Find(subpath, count: false) is not null) || FindOnDisk(subpath).Exists;

    /// <summary>The file on disk, unless it was found missing since the root last changed.</summary>
    private IFileInfo FindOnDisk(string subpath)
    {
        var known = missing.Current;
        if (known.Contains(subpath))
        {
            return new NotFoundFileInfo(subpath);
        }
        var file = root.GetFileInfo(subpath);
        if (!file.Exists)
        {
            known.Add(subpath);
        }
        return file;
    }

    public IDirectoryContents GetDirectoryContents(string subpath) => root.GetDirectoryContents(subpath);

    public IChangeToken Watch(string filter) => root.Watch(filter);
}
