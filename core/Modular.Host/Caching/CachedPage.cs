using Microsoft.Extensions.FileProviders;

namespace Modular.Host.Caching;

/// <summary>A file held in the static page cache, served as an <see cref="IFileInfo"/> from memory.</summary>
/// <remarks>No physical path: the static file middleware then streams these bytes instead of sending the file.</remarks>
internal sealed class CachedPage(string name, byte[] content, DateTimeOffset lastModified, bool isHtml, long sequence) : IFileInfo
{
    private long requests;

    public bool Exists => true;

    public long Length => content.Length;

    public string? PhysicalPath => null;

    public string Name { get; } = name;

    public DateTimeOffset LastModified { get; } = lastModified;

    public bool IsDirectory => false;

    public bool IsHtml { get; } = isHtml;

    /// <summary>When the page entered the cache, as a sequence number: lower is older.</summary>
    public long Sequence { get; } = sequence;

    /// <summary>How many requests the page served from memory, for 4D's eviction rule.</summary>
    public long Requests => Interlocked.Read(ref requests);

    public void CountRequest() => Interlocked.Increment(ref requests);

    /// <summary>Whether the file on disk is still the one cached.</summary>
    public bool Matches(IFileInfo file) => file.Length == content.Length && file.LastModified == LastModified;

    public Stream CreateReadStream() => new MemoryStream(content, writable: false);
}
