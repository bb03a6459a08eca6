using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Modular.Plugins.Cors;

/// <summary>The CrossOrigin stage: answers preflights, marks allowed cross-origin responses and refuses the rest with 403, before any later stage acts.</summary>
internal sealed class CorsMiddleware(RequestDelegate next, IOptionsMonitor<CorsOptions> settings)
{
    public Task InvokeAsync(HttpContext context)
    {
        var options = settings.CurrentValue;
        if (!options.CORSEnabled)
        {
            return next(context);
        }
        var request = context.Request;
        var response = context.Response;
        // The answer depends on Origin whether or not this request has one (a cache must not serve one origin's answer to another).
        response.Headers.Append(HeaderNames.Vary, HeaderNames.Origin);
        var header = request.Headers.Origin;
        if (header.Count == 0 || header.Count == 1 && IsSameOrigin(request, header[0]!))
        {
            return next(context);
        }
        if (header.Count > 1)
        {
            // A browser sends one Origin: several cannot all be echoed, and none may be picked.
            return ForbiddenAsync(response, "A request carries one Origin header, not several.");
        }
        var preflight = HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey(HeaderNames.AccessControlRequestMethod);
        var method = preflight ? request.Headers.AccessControlRequestMethod.ToString().Trim() : request.Method;
        var origin = RequestOrigin.Parse(header[0]!);
        var decision = origin is null ? default : options.Policy.Decide(origin, method.ToUpperInvariant());
        if (!decision.Allowed)
        {
            return ForbiddenAsync(response, origin is null ? $"Origin '{header[0]}' is not a valid origin." : $"Origin '{header[0]}' may not use {method} here (CORS).");
        }

        var headers = response.Headers;
        headers.AccessControlAllowOrigin = header[0];
        if (decision.Credentials)
        {
            headers.AccessControlAllowCredentials = "true";
        }
        if (!preflight)
        {
            return next(context);
        }
        headers.Append(HeaderNames.Vary, "Access-Control-Request-Method, Access-Control-Request-Headers");
        headers.AccessControlAllowMethods = decision.AllowedMethods;
        if (request.Headers.AccessControlRequestHeaders is { Count: > 0 } requested)
        {
            headers.AccessControlAllowHeaders = requested;
        }
        headers.AccessControlMaxAge = options.CORSMaxAge.ToString(CultureInfo.InvariantCulture);
        response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    /// <summary>Browsers send Origin on same-origin POSTs too: those are not cross-origin and CORS does not apply.</summary>
    private static bool IsSameOrigin(HttpRequest request, string origin)
    {
        var host = request.Host;
        if (!host.HasValue || RequestOrigin.Parse(origin) is not { IsOpaque: false } parsed)
        {
            return false;
        }
        var port = host.Port ?? (request.IsHttps ? 443 : 80);
        return parsed.Scheme.Equals(request.Scheme, StringComparison.OrdinalIgnoreCase)
            && parsed.Port == port
            && parsed.Host.Equals(host.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase);
    }

    private static Task ForbiddenAsync(HttpResponse response, string message)
    {
        response.StatusCode = StatusCodes.Status403Forbidden;
        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync(message + "\n");
    }
}
