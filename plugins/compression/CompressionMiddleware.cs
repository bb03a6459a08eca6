using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Modular.Abstractions;

namespace Modular.Plugins.Compression;

/// <summary>The Encoding stage: decodes compressed request bodies and compresses responses for clients that accept a coding.</summary>
internal sealed class CompressionMiddleware(RequestDelegate next, CompressionPolicy policy, IStaticPageCache pages)
{
    public Task InvokeAsync(HttpContext context)
    {
        // Whether or not this response is compressed, another Accept-Encoding may get another body.
        context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        var request = context.Request;
        if (request.Headers.ContentEncoding.Count > 0)
        {
            return DecodingRequestAsync(context);
        }
        return RespondAsync(context);
    }

    /// <summary>The later stages, with the response compressed when the client accepts a coding.</summary>
    private Task RespondAsync(HttpContext context)
    {
        var request = context.Request;
        // A cached page comes with its variant made (CachedPageEncoder): nothing to wrap.
        return CompressionPolicy.Choose(request) is { } coding && !IsUpgrade(context) && !pages.WillAnswer(request)
            ? CompressingAsync(context, coding)
            : next(context);
    }

    private static bool IsUpgrade(HttpContext context) => context.Features.Get<IHttpUpgradeFeature>()?.IsUpgradableRequest == true;

    private async Task CompressingAsync(HttpContext context, ContentCoding coding)
    {
        IfNoneMatchRewrite.Apply(context, coding);
        var original = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        await using var body = new CompressingResponseBody(context, original, coding, policy.Current);
        context.Features.Set<IHttpResponseBodyFeature>(body);
        try
        {
            await next(context);
            await body.FinishAsync();
        }
        finally
        {
            context.Features.Set(original);
        }
    }

    /// <summary>4D compresses client requests too: the body is decoded for every later stage, within the request size limit.</summary>
    private async Task DecodingRequestAsync(HttpContext context)
    {
        var request = context.Request;
        var codings = request.Headers.ContentEncoding.ToString()
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(name => !name.Equals("identity", StringComparison.OrdinalIgnoreCase))
            .ToList();
        // Each layer costs a decoder before any byte is read: a header naming hundreds is refused.
        if (codings.Count > MaxStackedCodings)
        {
            await RefuseCodingAsync(context, $"At most {MaxStackedCodings} content codings are undone; the request names {codings.Count}.");
            return;
        }
        var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        var body = request.Body;
        var layers = new List<Stream>(codings.Count);
        // Codings are listed in the order they were applied: the last one is undone first.
        for (var i = codings.Count - 1; i >= 0; i--)
        {
            if (ContentCoding.Find(codings[i]) is not { } coding)
            {
                await DisposeAllAsync(layers);
                await RefuseCodingAsync(context, $"Content-Encoding '{codings[i]}' is not supported; allowed: {ContentCoding.Names}, identity.");
                return;
            }
            body = new DecodedRequestBody(coding.Decompress(body), coding.Name, limit);
            layers.Add(body);
        }
        request.Body = body;
        request.Headers.Remove(HeaderNames.ContentEncoding);
        request.Headers.ContentLength = null;
        try
        {
            await RespondAsync(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            // What the handler had set goes; what earlier stages set (CORS, HSTS, Vary) stays.
            var headers = context.Response.Headers;
            foreach (var name in RepresentationHeaders)
            {
                headers.Remove(name);
            }
            context.Response.StatusCode = e.StatusCode;
            // The rest of the body is not read: the connection cannot carry another request.
            headers.Connection = "close";
            headers.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(e.Message + "\n");
        }
        finally
        {
            await DisposeAllAsync(layers);
        }
    }

    /// <summary>More than this many codings on one body is no client's honest doing.</summary>
    private const int MaxStackedCodings = 2;

    private static readonly string[] RepresentationHeaders =
        [HeaderNames.ContentType, HeaderNames.ContentLength, HeaderNames.ContentEncoding, HeaderNames.ETag, HeaderNames.LastModified, HeaderNames.ContentRange];

    private static async Task RefuseCodingAsync(HttpContext context, string message)
    {
        context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        context.Response.Headers.AcceptEncoding = ContentCoding.Names;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message + "\n");
    }

    /// <summary>Each decoder leaves the stream below it open: every layer is disposed on its own.</summary>
    private static async Task DisposeAllAsync(List<Stream> layers)
    {
        foreach (var layer in layers)
        {
            await layer.DisposeAsync();
        }
    }
}
