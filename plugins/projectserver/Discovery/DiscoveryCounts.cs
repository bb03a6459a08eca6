using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Modular.Plugins.ProjectServer.Discovery;

/// <summary>Discovery datagrams by outcome: answered, or dropped as oversized, malformed, too_small (no room for an answer),
/// denied (clientAllowDeny) or unpublished (publishAtStartup off); on the admin API and as the metric
/// <c>modular.projectserver.discovery.datagrams</c> (tag <c>outcome</c>).</summary>
internal sealed class DiscoveryCounts
{
    private readonly ConcurrentDictionary<string, long> counts = new(StringComparer.Ordinal);
    private readonly Counter<long> datagrams;

    public DiscoveryCounts(Meter meter)
    {
        datagrams = meter.CreateCounter<long>("modular.projectserver.discovery.datagrams", unit: "{datagram}", description: "Discovery datagrams received, by outcome.");
    }

    public IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(counts, StringComparer.Ordinal);

    public void Answered() => Count("answered");

    /// <summary>Counts a dropped datagram; null, the answer it gets.</summary>
    public byte[]? Drop(string outcome)
    {
        Count(outcome);
        return null;
    }

    private void Count(string outcome)
    {
        counts.AddOrUpdate(outcome, 1, (_, count) => count + 1);
        datagrams.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
    }
}
