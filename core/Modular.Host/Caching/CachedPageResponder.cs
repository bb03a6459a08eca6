using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Modular.Abstractions;
using Modular.Host.Content;
using Modular.Host.Settings;

namespace Modular.Host.Caching;

/// <summary>The cache's fast path: a plain GET or HEAD of a cached page is answered from memory with the headers the static file middleware would send.</summary>
/// <remarks>
/// Anything else (a miss, a range, a conditional request, another method) goes on to the static file
/// middleware, which serves the same cached bytes through <see cref="CachingFileProvider"/>: the
/// answers agree, and this path stays a dictionary lookup, one stat and one write. A registered
/// <see cref="IPageEncoder"/> (compression) gets its variant encoded once and kept with the page.
/// </remarks>
internal sealed class CachedPageResponder(
    RequestDelegate next,
    StaticPageCache cache,
    IOptionsMonitor<StaticCacheSettings> settings,
    DeclaredCharset charset,
    IEnumerable<IPageEncoder> encoders)
{
    private readonly IPageEncoder[] encoders = encoders.ToArray();

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var current = settings.CurrentValue;
        if (!current.staticCacheEnabled || request.Path.Value is not { } path || !IsPlainRequest(request, path) || cache.Find(path, count: false) is not { } page)
        {
            return next(context);
        }
        cache.CountHit(path);

        var response = context.Response;
        var headers = response.Headers;
        var contentType = page.ContentType(path, charset);
        response.StatusCode = StatusCodes.Status200OK;
        headers.ContentType = contentType;
        headers.LastModified = page.LastModifiedHeader;
        ReadOnlyMemory<byte> body;
        if (Encode(request, path, page, contentType, current) is { } encoded)
        {
            body = encoded.Page.Content;
            headers.ContentEncoding = encoded.Coding;
            headers.ETag = encoded.Page.ETag;
        }
        else
        {
            body = page.Content;
            headers.ETag = page.ETag;
            // Ranges are served of the identity bytes only (by the static file middleware).
            headers.AcceptRanges = "bytes";
        }
        headers.ContentLength = body.Length;
        return HttpMethods.IsHead(request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private (EncodedPage Page, string Coding)? Encode(HttpRequest request, string path, CachedPage page, string contentType, StaticCacheSettings current)
    {
        foreach (var encoder in encoders)
        {
            if (encoder.Choose(request, contentType, page.Length) is { } encoding)
            {
                return (cache.Encoded(path, page, encoding, encoder, current.MaxSizeBytes), encoding.ContentCoding);
            }
        }
        return null;
    }

    /// <summary>A GET or HEAD of a cacheable path, without a range or a condition: the requests this path answers.</summary>
    public static bool IsPlainRequest(HttpRequest request, string path) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && StaticPageCache.IsCacheable(path)
            && !HasConditionsOrRange(request.Headers);

    private static bool HasConditionsOrRange(IHeaderDictionary headers) =>
        headers.ContainsKey(HeaderNames.Range) || headers.ContainsKey(HeaderNames.IfNoneMatch) || headers.ContainsKey(HeaderNames.IfModifiedSince)
        || headers.ContainsKey(HeaderNames.IfMatch) || headers.ContainsKey(HeaderNames.IfUnmodifiedSince) || headers.ContainsKey(HeaderNames.IfRange);
}
