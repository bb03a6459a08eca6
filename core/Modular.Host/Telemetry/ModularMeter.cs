using System.Diagnostics.Metrics;
using Modular.Host.Hosting;
using Modular.Host.Settings;

namespace Modular.Host.Telemetry;

/// <summary>The core's own instruments, meter <c>Modular</c>, read from the counters /4DSTATS shows when metrics are collected.</summary>
internal static class ModularMeter
{
    public const string Name = "Modular";

    public static Meter Create(ProcessState state)
    {
        var meter = new Meter(Name);
        meter.CreateObservableCounter("modular.static_cache.hits", () => CacheNow(state).Hits, "{request}", "Requests the static page cache answered.");
        meter.CreateObservableCounter("modular.static_cache.misses", () => CacheNow(state).Misses, "{request}", "Requests for cacheable pages the static page cache did not hold.");
        meter.CreateObservableUpDownCounter("modular.static_cache.size", () => CacheNow(state).CurrentSize, "By", "Memory the static page cache uses.");
        meter.CreateObservableUpDownCounter("modular.static_cache.objects", () => (long)CacheNow(state).CachedObjects, "{page}", "Pages the static page cache holds.");
        meter.CreateObservableCounter("modular.requests.refused", () => state.Statistics.RejectedRequests, "{request}", "Requests refused with 503 because maxConcurrentProcesses was reached.");
        meter.CreateObservableCounter("modular.keepalive.closes", () => state.Statistics.KeepAliveCloses, "{connection}", "Connections closed after a response by the keep-alive rules.");
        return meter;
    }

    private static Caching.CacheStatistics CacheNow(ProcessState state) =>
        state.Cache.Statistics(state.Store.Current.Get<StaticCacheSettings>().MaxSizeBytes, htmlOnly: false);
}
