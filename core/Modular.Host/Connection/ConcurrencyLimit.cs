using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
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
        services.AddSingleton<ServerStatistics>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptionsMonitor<ConnectionSettings>, ServerStatistics>((options, settings, statistics) =>
        {
            // The rate limiter reads its options once: keying the partition by the current maximum makes
            // a runtime change of the setting take effect for new requests (notes/platform.md § 3).
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, int>(_ =>
                RateLimitPartition.GetConcurrencyLimiter(settings.CurrentValue.maxConcurrentProcesses, maximum => new ConcurrencyLimiterOptions
                {
                    PermitLimit = maximum - 1,
                    QueueLimit = 0,
                }));
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
