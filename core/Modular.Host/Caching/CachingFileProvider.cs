using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Modular.Host.Settings;

namespace Modular.Host.Caching;

/// <summary>The HTML root seen through the static page cache: cacheable files come from memory while they match the disk.</summary>
/// <remarks>
/// Every request still asks the root for the file (path resolution and one stat), so a changed,
/// removed or re-linked file is never served stale; a hit saves opening and reading it. The static
/// file middleware then applies ETag, Last-Modified, 304 and Range to the cached copy as to a file.
/// </remarks>
internal sealed class CachingFileProvider(IFileProvider root, StaticPageCache cache, IOptionsMonitor<StaticCacheSettings> settings) : IFileProvider
{
    public IFileInfo GetFileInfo(string subpath)
    {
        var file = root.GetFileInfo(subpath);
        var current = settings.CurrentValue;
        if (!current.staticCacheEnabled)
        {
            if (!cache.IsEmpty)
            {
                // Switched off while running: the memory goes back at once.
                cache.Clear();
            }
            return file;
        }
        if (!file.Exists || file.IsDirectory || file.PhysicalPath is null || !StaticPageCache.IsCacheable(subpath))
        {
            return file;
        }
        if (cache.Find(subpath, file) is { } page)
        {
            return page;
        }
        if (file.Length > StaticPageCache.MaxObjectSize)
        {
            cache.CountFiltered(subpath);
            return file;
        }
        byte[] content;
        try
        {
            content = File.ReadAllBytes(file.PhysicalPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return file;
        }
        // Modified while being read: serve the file itself and cache it on a later request.
        if (content.Length != file.Length)
        {
            return file;
        }
        return (IFileInfo?)cache.Add(subpath, content, file.LastModified, current.staticCacheSize * 1024L * 1024L) ?? file;
    }

    public IDirectoryContents GetDirectoryContents(string subpath) => root.GetDirectoryContents(subpath);

    public IChangeToken Watch(string filter) => root.Watch(filter);
}
