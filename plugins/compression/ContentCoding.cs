using System.IO.Compression;

namespace Modular.Plugins.Compression;

/// <summary>A content coding (RFC 9110 § 8.4.1) this plugin encodes and decodes.</summary>
internal sealed class ContentCoding
{
    private readonly Func<Stream, int, Stream> compress;
    private readonly Func<Stream, Stream> decompress;

    private ContentCoding(string name, Func<Stream, int, Stream> compress, Func<Stream, Stream> decompress)
    {
        Name = name;
        this.compress = compress;
        this.decompress = decompress;
    }

    /// <summary>The Content-Encoding token.</summary>
    public string Name { get; }

    // "deflate" is the zlib format (RFC 1950), not raw deflate (RFC 9110 § 8.4.1.2).
    public static ContentCoding Gzip { get; } = new("gzip",
        (output, level) => new GZipStream(output, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true),
        input => new GZipStream(input, CompressionMode.Decompress, leaveOpen: true));

    public static ContentCoding Deflate { get; } = new("deflate",
        (output, level) => new ZLibStream(output, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true),
        input => new ZLibStream(input, CompressionMode.Decompress, leaveOpen: true));

    // Brotli's quality runs 0..11 and zstd's level 1..22: 4D's 1..9 maps onto both as it is.
    public static ContentCoding Brotli { get; } = new("br",
        (output, level) => new BrotliStream(output, new BrotliCompressionOptions { Quality = level }, leaveOpen: true),
        input => new BrotliStream(input, CompressionMode.Decompress, leaveOpen: true));

    public static ContentCoding Zstd { get; } = new("zstd",
        (output, level) => new ZstdSharp.CompressionStream(output, level, leaveOpen: true),
        input => new ZstdSharp.DecompressionStream(input, leaveOpen: true));

    /// <summary>Every coding, in the order preferred when a client accepts several equally.</summary>
    public static IReadOnlyList<ContentCoding> All { get; } = [Brotli, Zstd, Gzip, Deflate];

    /// <summary>The names, for messages.</summary>
    public static string Names => string.Join(", ", All.Select(coding => coding.Name));

    public static ContentCoding? Find(ReadOnlySpan<char> name)
    {
        foreach (var coding in All)
        {
            if (name.Equals(coding.Name, StringComparison.OrdinalIgnoreCase))
            {
                return coding;
            }
        }
        return null;
    }

    /// <summary>A stream that writes <paramref name="output"/> encoded; disposing it ends the encoding but leaves <paramref name="output"/> open.</summary>
    public Stream Compress(Stream output, int level) => compress(output, level);

    /// <summary>A stream that reads <paramref name="input"/> decoded.</summary>
    public Stream Decompress(Stream input) => decompress(input);

    public byte[] Compress(ReadOnlySpan<byte> content, int level)
    {
        using var output = new MemoryStream(content.Length / 2 + 64);
        using (var encoder = Compress(output, level))
        {
            encoder.Write(content);
        }
        return output.ToArray();
    }
}
