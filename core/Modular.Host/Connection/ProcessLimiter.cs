using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Modular.Host.Settings;

namespace Modular.Host.Connection;

/// <summary>The global limiter of maxConcurrentProcesses: one <see cref="ConcurrencyLimiter"/> for every request, replaced when the setting changes.</summary>
/// <remarks>
/// A partitioned limiter keyed by the setting would look its partition up in a locked dictionary on
/// every request; one shared limiter is all 4D's rule needs. Leases of a replaced limiter are still
/// released into it, so requests in flight during a change finish normally.
/// </remarks>
internal sealed class ProcessLimiter(IOptionsMonitor<ConnectionSettings> settings) : PartitionedRateLimiter<HttpContext>
{
    private Current current = new(0, null);

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => Limiter().GetStatistics();

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount) => Limiter().AttemptAcquire(permitCount);

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken) =>
        Limiter().AcquireAsync(permitCount, cancellationToken);

    private ConcurrencyLimiter Limiter()
    {
        var maximum = settings.CurrentValue.maxConcurrentProcesses;
        var known = Volatile.Read(ref current);
        if (known.Maximum == maximum && known.Limiter is { } limiter)
        {
            return limiter;
        }
        // 4D refuses new requests once "the maximum number minus one" is reached; none wait in a queue.
        var replacement = new Current(maximum, new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = maximum - 1, QueueLimit = 0 }));
        return (Interlocked.CompareExchange(ref current, replacement, known) == known ? replacement : Volatile.Read(ref current)).Limiter!;
    }

    private sealed record Current(int Maximum, ConcurrencyLimiter? Limiter);
}
