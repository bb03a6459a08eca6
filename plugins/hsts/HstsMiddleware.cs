using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;
using Modular.Abstractions;

namespace Modular.Plugins.Hsts;

/// <summary>The TransportSecurity stage: the HSTS header on every HTTPS response, and the redirect of plain HTTP before any content.</summary>
internal sealed class HstsMiddleware(RequestDelegate next, IOptionsMonitor<HstsOptions> settings, ISettingsView server)
{
    public Task InvokeAsync(HttpContext context)
    {
        var options = settings.CurrentValue;
        var request = context.Request;
        if (request.IsHttps)
        {
            // Over plain HTTP the header would be ignored (RFC 6797 § 8.1) or, worse, forged by whoever sits in between.
            if (options.HSTSEnabled)
            {
                context.Response.Headers.StrictTransportSecurity = options.Header;
            }
            return next(context);
        }
        if (!options.HSTSRedirectToHTTPS)
        {
            return next(context);
        }
        if (!request.Host.HasValue)
        {
            // An HTTP/1.0 request may come without Host: there is no name to redirect to.
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return context.Response.WriteAsync("A Host header is needed to redirect to HTTPS.\n");
        }
        var port = server.Value<int>("HTTPSPort");
        var host = port == 443 ? new HostString(request.Host.Host) : new HostString(request.Host.Host, port);
        var target = UriHelper.BuildAbsolute("https", host, request.PathBase, request.Path, request.QueryString);
        // 308 keeps the method and body, where 301 lets clients turn a POST into a GET.
        context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        context.Response.Headers.Location = target;
        return Task.CompletedTask;
    }
}
