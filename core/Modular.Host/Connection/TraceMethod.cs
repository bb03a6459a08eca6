using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Modular.Host.Connection;

/// <summary>4D's HTTPTrace: TRACE is refused with 405 unless enabled, then echoed as message/http (RFC 9110 § 9.3.8).</summary>
internal static class TraceMethod
{
    /// <summary>What a 405 to TRACE says is allowed instead.</summary>
    public const string AllowedMethods = "GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH";

    /// <summary>Answers a TRACE request; null for any other method.</summary>
    public static Task? Answer(HttpContext context, bool enabled)
    {
        if (!HttpMethods.IsTrace(context.Request.Method))
        {
            return null;
        }
        if (!enabled)
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
            foreach (var value in values)
            {
                head.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }
        head.Append("\r\n");

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "message/http";
        // The body is bounded by maxRequestSize, set on the request before this stage.
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        var headBytes = Encoding.Latin1.GetBytes(head.ToString());
        context.Response.ContentLength = headBytes.Length + body.Length;
        await context.Response.Body.WriteAsync(headBytes, context.RequestAborted).ConfigureAwait(false);
        body.Position = 0;
        await body.CopyToAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
