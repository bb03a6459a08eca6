using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Modular.Host.Settings;

namespace Modular.Host.Connection;

/// <summary>The Connection stage's rules in one pass over one settings read: keep-alive, request size, then the concurrency cap.</summary>
/// <remarks>Header-only refusals come first; TRACE runs after this, since it does work and so counts as a request in flight.</remarks>
internal sealed class ConnectionRules(RequestDelegate next, IOptionsMonitor<ConnectionSettings> settings, RequestsInFlight inFlight, ServerStatistics statistics)
{
    /// <summary>Seconds a client refused for lack of capacity is asked to wait before trying again.</summary>
    private const string RetryAfterSeconds = "1";

    public Task InvokeAsync(HttpContext context)
    {
        var current = settings.CurrentValue;
        statistics.CountRequest();
        KeepAliveLimiter.Apply(context, current, statistics);
        if (RequestSizeLimit.Refuses(context, current.maxRequestSize))
        {
            return Task.CompletedTask;
        }
        if (!inFlight.TryEnter(current.maxConcurrentProcesses))
        {
            statistics.CountRejected();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = RetryAfterSeconds;
            return Task.CompletedTask;
        }
        Task served;
        try
        {
            served = next(context);
        }
        catch
        {
            inFlight.Exit();
            throw;
        }
        // Most static answers complete synchronously: no state machine for them.
        if (served.IsCompletedSuccessfully)
        {
            inFlight.Exit();
            return served;
        }
        return ExitWhenServedAsync(served);
    }

    private async Task ExitWhenServedAsync(Task served)
    {
        try
        {
            await served.ConfigureAwait(false);
        }
        finally
        {
            inFlight.Exit();
        }
    }
}
