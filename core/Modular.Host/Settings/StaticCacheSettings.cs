using Modular.Abstractions;

namespace Modular.Host.Settings;

/// <summary>The static page cache (4D: Cache for Static Pages, Options (I)).</summary>
public sealed class StaticCacheSettings
{
    [Setting("Keep pages, images and style sheets of at most 512 KB in memory once requested (4D: Use the 4D Web cache).", Page = "Options (I)")]
    public bool staticCacheEnabled { get; init; }

    [Setting("Memory the static page cache may use; when full, the oldest of the least requested pages leave first (4D: Pages Cache Size).", Minimum = 1, Maximum = 2048, Unit = "MB", Page = "Options (I)")]
    public int staticCacheSize { get; init; } = 10;

    /// <summary><see cref="staticCacheSize"/> in bytes.</summary>
    public long MaxSizeBytes => staticCacheSize * 1024L * 1024L;
}
