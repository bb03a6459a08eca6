using Microsoft.Extensions.Diagnostics.HealthChecks;
using Modular.Abstractions;

namespace Modular.Plugins.Sessions;

/// <summary>Readiness with the Redis store: an instance whose Redis does not answer cannot serve sessions, so a load balancer
/// should send its visitors elsewhere (the admin listener's /readyz runs this).</summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await redis.RunAsync(db => db.PingAsync()).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
        catch (SessionUnavailableException e)
        {
            return HealthCheckResult.Unhealthy($"the session store (Redis at {redis.Endpoints}) does not answer: {e.Message}");
        }
    }
}
