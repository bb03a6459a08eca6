using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Modular.Abstractions;

namespace Modular.Plugins.Compression;

/// <summary>Compresses pages of the static page cache once per coding and level, by the rules of <see cref="CompressionPolicy"/>.</summary>
internal sealed class CachedPageEncoder(CompressionPolicy policy) : IPageEncoder
{
    private readonly ConcurrentDictionary<(ContentCoding Coding, int Level), PageEncoding> encodings = new();

    public PageEncoding? Choose(HttpRequest request, string contentType, long length)
    {
        var options = policy.Current;
        if (length < options.HTTPCompressionThreshold || !CompressionPolicy.IsCompressible(contentType) || CompressionPolicy.Choose(request) is not { } coding)
        {
            return null;
        }
        // The level is part of the key: a change of HTTPCompressionLevel makes new variants.
        return encodings.GetOrAdd((coding, options.EffectiveLevel), key => new PageEncoding(key.Coding.Name, $"{key.Coding.Name}/{key.Level}"));
    }

    public byte[] Encode(PageEncoding encoding, ReadOnlySpan<byte> content)
    {
        var separator = encoding.CacheKey.IndexOf('/', StringComparison.Ordinal);
        var coding = ContentCoding.Find(encoding.ContentCoding) ?? throw new ArgumentException($"'{encoding.ContentCoding}' is not a coding of the compression plugin.", nameof(encoding));
        return coding.Compress(content, int.Parse(encoding.CacheKey.AsSpan(separator + 1), System.Globalization.CultureInfo.InvariantCulture));
    }
}
