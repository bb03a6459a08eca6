using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Modular.Host.Hosting;

namespace Modular.Host.Admin;

/// <summary>/readyz's check: the web server runs (and is not draining for a stop), and every check the running application holds
/// (the plugins', like the sessions plugin's Redis) passes.</summary>
internal sealed class WebServerReadiness(WebServer web) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!web.IsReady || web.Services?.GetService<HealthCheckService>() is not { } checks)
        {
            return HealthCheckResult.Unhealthy(web.IsRunning ? "the web server is stopping" : "the web server is stopped");
        }
        var report = await checks.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
        return report.Status == HealthStatus.Healthy
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy(string.Join("; ", report.Entries.Where(entry => entry.Value.Status != HealthStatus.Healthy)
                .Select(entry => $"{entry.Key}: {entry.Value.Description ?? entry.Value.Exception?.Message}")));
    }
}
