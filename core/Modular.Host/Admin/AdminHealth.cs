using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;

namespace Modular.Host.Admin;

/// <summary>The health probes on the admin listener, for load balancers and Kubernetes: /healthz (liveness: the process answers,
/// even with the web server stopped on purpose) and /readyz (readiness: <see cref="WebServerReadiness"/>).</summary>
/// <remarks>On the admin listener rather than the web one so that liveness survives a stopped web server and no site path is
/// taken; they answer every address without the token (adminAddress must then listen where the prober is).</remarks>
internal static class AdminHealth
{
    public const string Ready = "ready";

    public static bool IsProbe(PathString path) => path == "/healthz" || path == "/readyz";

    public static void Map(WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready), ResponseWriter = WriteAsync });
    }

    /// <summary>"Healthy", or "Unhealthy: " and why, so that an operator reading the probe sees the cause.</summary>
    private static Task WriteAsync(HttpContext context, Microsoft.Extensions.Diagnostics.HealthChecks.HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var why = string.Join("; ", report.Entries.Values.Select(entry => entry.Description).Where(text => !string.IsNullOrEmpty(text)));
        return context.Response.WriteAsync(why.Length == 0 ? report.Status.ToString() : $"{report.Status}: {why}");
    }
}
