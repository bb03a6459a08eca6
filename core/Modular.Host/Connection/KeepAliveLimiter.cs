using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Modular.Host.Settings;

namespace Modular.Host.Connection;

/// <summary>4D's keep-alive rules on HTTP/1.x: off closes after every response; on, the Nth response of a connection closes it.</summary>
/// <remarks>
/// Kestrel closes a connection after a response carrying 'Connection: close', and keeps a per-connection
/// item bag across its requests (notes/platform.md § 2). HTTP/2 and HTTP/3 multiplex and drop the
/// header, so the count applies to HTTP/1.x only; HTTP/1.0 clients keep Kestrel's HTTP/1.0 behaviour.
/// </remarks>
internal static class KeepAliveLimiter
{
    public static void Apply(HttpContext context, ConnectionSettings settings, ServerStatistics statistics)
    {
        if ((HttpProtocol.IsHttp11(context.Request.Protocol) || HttpProtocol.IsHttp10(context.Request.Protocol))
            && (!settings.keepAliveEnabled || ++RequestCount(context).Value >= settings.keepAliveMaxRequests))
        {
            context.Response.Headers.Connection = "close";
            statistics.CountKeepAliveClose();
        }
    }

    private static Counter RequestCount(HttpContext context) =>
        ConnectionState.Of<Counter>(context) ?? throw new InvalidOperationException("The server keeps no connection items (IConnectionItemsFeature); the keep-alive rules need them.");

    /// <summary>A mutable count, so that counting does not box an integer per request.</summary>
    private sealed class Counter
    {
        public int Value;
    }
}
