using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Modular.Host.Settings;

namespace Modular.Host.Connection;

/// <summary>4D's maxRequestSize: a body declared larger gets 413 before any of it is read; a longer one is cut off at the limit.</summary>
internal sealed class RequestSizeLimit(RequestDelegate next, IOptionsMonitor<ConnectionSettings> settings)
{
    public Task InvokeAsync(HttpContext context)
    {
        var limit = settings.CurrentValue.maxRequestSize;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            // The unread body would otherwise be drained to keep the connection: close it instead.
            context.Response.Headers.Connection = "close";
            return Task.CompletedTask;
        }
        // A chunked body has no declared length: Kestrel answers 413 when a reader passes the limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
        {
            body.MaxRequestBodySize = limit;
        }
        return next(context);
    }
}
