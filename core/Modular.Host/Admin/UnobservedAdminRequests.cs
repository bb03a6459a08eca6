using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Modular.Host.Admin;

/// <summary>Keeps the admin API's requests out of the traces and the request metrics: ASP.NET Core's source and meter names are
/// one for the process, so without this an operator's calls (and every Prometheus scrape) would count as the web server's requests.</summary>
internal sealed class UnobservedAdminRequests(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IHttpActivityFeature>()?.Activity is { } activity)
        {
            activity.IsAllDataRequested = false;
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
        if (context.Features.Get<IHttpMetricsTagsFeature>() is { } metrics)
        {
            metrics.MetricsDisabled = true;
        }
        return next(context);
    }
}
