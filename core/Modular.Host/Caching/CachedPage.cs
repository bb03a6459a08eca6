using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.StaticFiles;
using Modular.Abstractions;
using Microsoft.Extensions.FileProviders;
using Modular.Host.Content;
using Microsoft.Extensions.Primitives;

namespace Modular.Host.Caching;

/// <summary>A file held in the static page cache, served as an <see cref="IFileInfo"/> from memory.</summary>
/// <remarks>No physical path: the static file middleware then streams these bytes instead of sending the file.</remarks>
internal sealed class CachedPage : IFileInfo
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private readonly byte[] content;
    /// <summary>How long a hit trusts the watcher alone before statting the file again.</summary>
    public const long RevalidateAfterMilliseconds = 1000;

    private long requests;
    private long validatedAt = Environment.TickCount64;
    private ContentTypeHeader? contentType;
    private readonly ConcurrentDictionary<string, EncodedPage> variants = new(StringComparer.Ordinal);
    private long variantsSize;

    public CachedPage(string realPath, byte[] content, DateTimeOffset lastModified, IChangeToken watch, bool isHtml, long sequence)
    {
        RealPath = realPath;
        this.content = content;
        LastModified = lastModified;
        Watch = watch;
        IsHtml = isHtml;
        Sequence = sequence;
        // The same validators ASP.NET's static file middleware derives from a file, so a cached copy and the file agree.
        var seconds = new DateTimeOffset(lastModified.Year, lastModified.Month, lastModified.Day, lastModified.Hour, lastModified.Minute, lastModified.Second, lastModified.Offset).ToUniversalTime();
        ETag = "\"" + Convert.ToString(seconds.ToFileTime() ^ content.Length, 16) + "\"";
        LastModifiedHeader = seconds.ToString("r", CultureInfo.InvariantCulture);
    }

    public bool Exists => true;

    public long Length => content.Length;

    public string? PhysicalPath => null;

    public string Name => Path.GetFileName(RealPath);

    public DateTimeOffset LastModified { get; }

    public bool IsDirectory => false;

    /// <summary>The file's path on disk, every link resolved: the one statted to validate a hit.</summary>
    public string RealPath { get; }

    /// <summary>Fires when the file at the requested path is changed, replaced or removed.</summary>
    public IChangeToken Watch { get; }

    public bool IsHtml { get; }

    /// <summary>When the page entered the cache, as a sequence number: lower is older.</summary>
    public long Sequence { get; }

    public string ETag { get; }

    public string LastModifiedHeader { get; }

    public ReadOnlyMemory<byte> Content => content;

    /// <summary>The bytes the page holds in memory: its content and every encoded variant.</summary>
    public long MemorySize => content.Length + Interlocked.Read(ref variantsSize);

    /// <summary>The variant cached under <paramref name="encoding"/>'s key, if any.</summary>
    public EncodedPage? FindVariant(PageEncoding encoding) => variants.GetValueOrDefault(encoding.CacheKey);

    /// <summary>Keeps a variant; the cache calls it under its lock, having made room for it.</summary>
    public EncodedPage AddVariant(PageEncoding encoding, byte[] encoded)
    {
        var variant = new EncodedPage(encoded, EntityTag.WithCoding(ETag, encoding.ContentCoding));
        if (variants.TryAdd(encoding.CacheKey, variant))
        {
            Interlocked.Add(ref variantsSize, encoded.Length);
            return variant;
        }
        return variants[encoding.CacheKey];
    }

    /// <summary>The Content-Type header the fast path sends for <paramref name="path"/>, made once per declared charset.</summary>
    public string ContentType(string path, DeclaredCharset declared)
    {
        var charset = declared.Current;
        var known = Volatile.Read(ref contentType);
        if (known is not null && ReferenceEquals(known.Charset, charset))
        {
            return known.Header;
        }
        // The static file middleware names the type from the requested path, so this does too.
        var header = declared.Apply(ContentTypes.TryGetContentType(path, out var type) ? type : "application/octet-stream");
        Volatile.Write(ref contentType, new ContentTypeHeader(charset, header));
        return header;
    }

    /// <summary>How many requests the page served from memory, for 4D's eviction rule.</summary>
    public long Requests => Interlocked.Read(ref requests);

    public void CountRequest() => Interlocked.Increment(ref requests);

    /// <summary>Whether the file on disk is still the one cached.</summary>
    /// <remarks>
    /// The root's watcher reports a change within milliseconds; as a safety net where it cannot
    /// (a full inotify table, a network file system), the file is also statted at most once per
    /// <see cref="RevalidateAfterMilliseconds"/>. A stat on every hit cost a quarter of the cached
    /// path's throughput (bench/run.sh); nginx's open_file_cache revalidates every 60 s by default.
    /// </remarks>
    public bool IsCurrent()
    {
        if (Watch.HasChanged)
        {
            return false;
        }
        var now = Environment.TickCount64;
        if (now - Volatile.Read(ref validatedAt) < RevalidateAfterMilliseconds)
        {
            return true;
        }
        var file = new FileInfo(RealPath);
        var current = file.Exists && file.Length == content.Length && new DateTimeOffset(file.LastWriteTimeUtc) == LastModified;
        Volatile.Write(ref validatedAt, now);
        return current;
    }

    public Stream CreateReadStream() => new MemoryStream(content, writable: false);

    private sealed record ContentTypeHeader(string Charset, string Header);
}
