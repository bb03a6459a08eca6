using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Abstractions;

namespace Modular.Plugins.Sessions;

/// <summary>The Session stage: attaches the request's session feature, and answers 503 when the store cannot be reached for a request that needs it.</summary>
internal sealed class SessionMiddleware(RequestDelegate next, ISessionStore store, SessionCookie cookie, IOptionsMonitor<WebSessionOptions> options, ILogger<SessionMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!options.CurrentValue.keepSession)
        {
            return next(context);
        }
        context.Features.Set<IWebSessionFeature>(new RequestSession(context, store, cookie, options));
        Task served;
        try
        {
            served = next(context);
        }
        catch (SessionUnavailableException e) when (!context.Response.HasStarted)
        {
            return UnavailableAsync(context, e);
        }
        // A request answered synchronously (a cached page, say) takes no state machine here.
        return served.IsCompletedSuccessfully ? served : AwaitAsync(served, context);
    }

    private async Task AwaitAsync(Task served, HttpContext context)
    {
        try
        {
            await served.ConfigureAwait(false);
        }
        catch (SessionUnavailableException e) when (!context.Response.HasStarted)
        {
            await UnavailableAsync(context, e).ConfigureAwait(false);
        }
    }

    private Task UnavailableAsync(HttpContext context, SessionUnavailableException e)
    {
        logger.StoreUnavailable(context.Request.Path, e.Message);
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "5";
        return Task.CompletedTask;
    }
}
