using Microsoft.AspNetCore.Http;
using Modular.Abstractions;

namespace Modular.Plugins.Compression;

/// <summary>Compresses pages of the static page cache once per coding, by the rules of <see cref="CompressionPolicy"/>.</summary>
/// <remarks>
/// HTTPCompressionLevel trades CPU on every response against bytes on the wire. A cached variant
/// costs its CPU once, so it is always made at the smallest level, 9: the trade nginx users make
/// with gzip_static and files compressed by <c>gzip -9</c>. A change of the level leaves cached variants as they are.
/// </remarks>
internal sealed class CachedPageEncoder(CompressionPolicy policy) : IPageEncoder
{
    /// <summary>The level of every cached variant.</summary>
    public const int CachedLevel = 9;

    private readonly Dictionary<ContentCoding, PageEncoding> encodings =
        ContentCoding.All.ToDictionary(coding => coding, coding => new PageEncoding(coding.Name, $"{coding.Name}/{CachedLevel}"));

    public PageEncoding? Choose(HttpRequest request, string contentType, long length)
    {
        var options = policy.Current;
        return length < options.HTTPCompressionThreshold || !CompressionPolicy.IsCompressible(contentType) || CompressionPolicy.Choose(request) is not { } coding
            ? null
            : encodings[coding];
    }

    public byte[] Encode(PageEncoding encoding, ReadOnlySpan<byte> content)
    {
        var coding = ContentCoding.Find(encoding.ContentCoding) ?? throw new ArgumentException($"'{encoding.ContentCoding}' is not a coding of the compression plugin.", nameof(encoding));
        return coding.Compress(content, CachedLevel);
    }
}
