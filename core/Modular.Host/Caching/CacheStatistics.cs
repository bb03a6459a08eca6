namespace Modular.Host.Caching;

/// <summary>What /4DSTATS and /4DHTMLSTATS report of the static page cache.</summary>
internal sealed record CacheStatistics(
    long CurrentSize,
    long MaxSize,
    long MaxObjectSize,
    int CachedObjects,
    long Hits,
    long Misses,
    long FilteredObjects)
{
    /// <summary>Cache use in percent of its maximum size.</summary>
    public double UsePercent => MaxSize == 0 ? 0 : 100.0 * CurrentSize / MaxSize;
}
