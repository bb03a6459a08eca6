namespace Modular.Host.Connection;

/// <summary>Counters of the connection rules, shown by /4DSTATS and as metrics.</summary>
internal sealed class ServerStatistics
{
    private long rejectedRequests;

    /// <summary>Requests refused with 503 because maxConcurrentProcesses was reached.</summary>
    public long RejectedRequests => Interlocked.Read(ref rejectedRequests);

    public void CountRejected() => Interlocked.Increment(ref rejectedRequests);

    private long requests;

    /// <summary>Requests received since the process started, refused ones included (the admin page's requests per second).</summary>
    public long Requests => Interlocked.Read(ref requests);

    public void CountRequest() => Interlocked.Increment(ref requests);

    private long keepAliveCloses;

    /// <summary>Connections closed after a response by the keep-alive rules (keepAliveEnabled false, or keepAliveMaxRequests reached).</summary>
    public long KeepAliveCloses => Interlocked.Read(ref keepAliveCloses);

    public void CountKeepAliveClose() => Interlocked.Increment(ref keepAliveCloses);
}
