using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Modular.Host.Admin;

/// <summary>Keeps the admin API's requests out of the traces: ASP.NET Core's source is one for the process, so without this an
/// operator's calls (and every Prometheus scrape) would fill the HTTP debug log of the web server.</summary>
internal sealed class UntracedAdminRequests(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<IHttpActivityFeature>()?.Activity is { } activity)
        {
            activity.IsAllDataRequested = false;
            activity.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
        return next(context);
    }
}
