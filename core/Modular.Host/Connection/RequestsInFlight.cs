namespace Modular.Host.Connection;

/// <summary>4D's maxConcurrentProcesses: the requests being served, and the refusal of one more once the maximum minus one are in flight.</summary>
/// <remarks>
/// A counter rather than ASP.NET's rate limiter middleware: 4D's rule has no queue and no
/// partitions, and the middleware's lease, lock and state machine on every request cost a
/// measurable share of a proxied request (bench/run.sh, proxy scenario).
/// </remarks>
internal sealed class RequestsInFlight
{
    private int count;

    /// <summary>Counts one more request, or refuses it (and counts nothing) when <paramref name="maximum"/> minus one are already in flight.</summary>
    public bool TryEnter(int maximum)
    {
        if (Interlocked.Increment(ref count) < maximum)
        {
            return true;
        }
        Interlocked.Decrement(ref count);
        return false;
    }

    public void Exit() => Interlocked.Decrement(ref count);

    /// <summary>Requests being served now.</summary>
    public int Count => Volatile.Read(ref count);
}
