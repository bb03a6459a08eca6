using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Modular.Host.Settings;

namespace Modular.Host.Connection;

/// <summary>4D's maxConcurrentProcesses on ASP.NET's rate limiter: at the maximum minus one in flight, new requests get 503 with Retry-After.</summary>
internal static class ConcurrencyLimit
{
    /// <summary>Seconds a refused client is asked to wait before trying again.</summary>
    private const string RetryAfterSeconds = "1";

    public static IServiceCollection AddConcurrencyLimit(this IServiceCollection services)
    {
        services.TryAddSingleton<ServerStatistics>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptionsMonitor<ConnectionSettings>, ServerStatistics>((options, settings, statistics) =>
        {
            // The rate limiter middleware reads its options once; the limiter itself follows the setting.
            options.GlobalLimiter = new ProcessLimiter(settings);
            options.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
                statistics.CountRejected();
                return ValueTask.CompletedTask;
            };
        });
        return services;
    }
}
