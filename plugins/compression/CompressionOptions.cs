using Modular.Abstractions;

namespace Modular.Plugins.Compression;

/// <summary>4D's HTTP compression settings (spec/webServerConfig.md, HTTP Compression).</summary>
public sealed class CompressionOptions
{
    /// <summary>The zlib level 4D's -1 stands for.</summary>
    public const int CompromiseLevel = 6;

    [Setting("Compression level of responses compressed on the fly: 1 fastest .. 9 smallest, -1 the compromise (zlib's 6); used as the Brotli quality and zstd level too. Pages of the static cache are compressed once, at 9.", Minimum = 1, Maximum = 9, AlsoAllowed = [-1])]
    public int HTTPCompressionLevel { get; init; } = 1;

    [Setting("Responses smaller than this are sent as they are. A response of unknown length is held back until it reaches this size, so it is capped at 1 MB.", Minimum = 0, Maximum = 1024 * 1024, Unit = "bytes")]
    public int HTTPCompressionThreshold { get; init; } = 1024;

    /// <summary>The level to pass to the encoders, -1 resolved.</summary>
    public int EffectiveLevel => HTTPCompressionLevel == -1 ? CompromiseLevel : HTTPCompressionLevel;
}
