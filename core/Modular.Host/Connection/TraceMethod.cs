using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Modular.Host.Settings;

namespace Modular.Host.Connection;

/// <summary>4D's HTTPTrace: TRACE is refused with 405 unless enabled, then echoed as message/http (RFC 9110 § 9.3.8).</summary>
internal sealed class TraceMethod(RequestDelegate next, IOptionsMonitor<ConnectionSettings> settings)
{
    /// <summary>What a 405 to TRACE says is allowed instead.</summary>
    public const string AllowedMethods = "GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH";

    public Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsTrace(context.Request.Method))
        {
            return next(context);
        }
        if (!settings.CurrentValue.HTTPTrace)
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = AllowedMethods;
            return Task.CompletedTask;
        }
        return EchoAsync(context);
    }

    private static async Task EchoAsync(HttpContext context)
    {
        var request = context.Request;
        var head = new StringBuilder()
            .Append(request.Method).Append(' ')
            .Append(context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget).Append(' ')
            .Append(request.Protocol).Append("\r\n");
        foreach (var (name, values) in request.Headers)
        {
            // RFC 9110 § 9.3.8: a TRACE answer should leave out credentials, which a cross-site script could otherwise read back.
            if (CredentialHeaders.InRequest(name))
            {
                continue;
            }
            foreach (var value in values)
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }
        head.Append("\r\n");

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "message/http";
        // The body is streamed back as it arrives (bounded by maxRequestSize), never held whole.
        await context.Response.Body.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()), context.RequestAborted).ConfigureAwait(false);
        await request.Body.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
