using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Modular.Host.Settings;

namespace Modular.Host.Connection;

/// <summary>The Connection stage's header-only rules in one pass over one settings read: keep-alive and request size.</summary>
/// <remarks>The concurrency cap runs after this, on ASP.NET's rate limiter middleware, then TRACE (which does work, so it counts).</remarks>
internal sealed class ConnectionRules(RequestDelegate next, IOptionsMonitor<ConnectionSettings> settings)
{
    public Task InvokeAsync(HttpContext context)
    {
        var current = settings.CurrentValue;
        KeepAliveLimiter.Apply(context, current);
        if (RequestSizeLimit.Refuses(context, current.maxRequestSize))
        {
            return Task.CompletedTask;
        }
        return next(context);
    }
}
