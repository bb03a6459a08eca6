namespace Modular.Host.Connection;

/// <summary>Counters of the connection rules, shown by /4DSTATS.</summary>
internal sealed class ServerStatistics
{
    private long rejectedRequests;

    /// <summary>Requests refused with 503 because maxConcurrentProcesses was reached.</summary>
    public long RejectedRequests => Interlocked.Read(ref rejectedRequests);

    public void CountRejected() => Interlocked.Increment(ref rejectedRequests);
}
