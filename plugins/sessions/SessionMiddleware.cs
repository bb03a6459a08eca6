using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Abstractions;

namespace Modular.Plugins.Sessions;

/// <summary>The Session stage: attaches the request's session feature, and answers 503 when the store cannot be reached for a request that needs it.</summary>
internal sealed class SessionMiddleware(RequestDelegate next, ISessionStore store, SessionCookie cookie, IOptionsMonitor<WebSessionOptions> options, ILogger<SessionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!options.CurrentValue.keepSession)
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        context.Features.Set<IWebSessionFeature>(new RequestSession(context, store, cookie, options));
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (SessionUnavailableException e) when (!context.Response.HasStarted)
        {
            logger.StoreUnavailable(context.Request.Path, e.Message);
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
        }
    }
}
