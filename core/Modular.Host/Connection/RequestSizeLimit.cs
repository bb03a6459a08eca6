using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Modular.Host.Connection;

/// <summary>4D's maxRequestSize: a body declared larger gets 413 before any of it is read; a longer one is cut off at the limit.</summary>
internal static class RequestSizeLimit
{
    /// <summary>Whether the request was refused (the response is then complete).</summary>
    public static bool Refuses(HttpContext context, int limit)
    {
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            // The unread body would otherwise be drained to keep the connection: close it instead.
            context.Response.Headers.Connection = "close";
            return true;
        }
        // A chunked body has no declared length: Kestrel answers 413 when a reader passes the limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } body)
        {
            body.MaxRequestBodySize = limit;
        }
        return false;
    }
}
