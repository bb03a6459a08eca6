using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Modular.Host.Content;
using Modular.Host.Settings;

namespace Modular.Host.Caching;

/// <summary>The cache's fast path: a plain GET or HEAD of a cached page is answered from memory with the headers the static file middleware would send.</summary>
/// <remarks>
/// Anything else (a miss, a range, a conditional request, another method) goes on to the static file
/// middleware, which serves the same cached bytes through <see cref="CachingFileProvider"/>: the
/// answers agree, and this path stays a dictionary lookup, one stat and one write.
/// </remarks>
internal sealed class CachedPageResponder(RequestDelegate next, StaticPageCache cache, IOptionsMonitor<StaticCacheSettings> settings, DeclaredCharset charset)
{
    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!settings.CurrentValue.staticCacheEnabled
            || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || request.Path.Value is not { } path
            || !StaticPageCache.IsCacheable(path)
            || HasConditionsOrRange(request.Headers)
            || cache.Find(path, count: false) is not { } page)
        {
            return next(context);
        }
        cache.CountHit(path);

        var response = context.Response;
        var headers = response.Headers;
        response.StatusCode = StatusCodes.Status200OK;
        headers.ContentType = page.ContentType(path, charset);
        headers.ContentLength = page.Length;
        headers.LastModified = page.LastModifiedHeader;
        headers.ETag = page.ETag;
        headers.AcceptRanges = "bytes";
        return HttpMethods.IsHead(request.Method) ? Task.CompletedTask : response.Body.WriteAsync(page.Content, context.RequestAborted).AsTask();
    }

    private static bool HasConditionsOrRange(IHeaderDictionary headers) =>
        headers.ContainsKey(HeaderNames.Range) || headers.ContainsKey(HeaderNames.IfNoneMatch) || headers.ContainsKey(HeaderNames.IfModifiedSince)
        || headers.ContainsKey(HeaderNames.IfMatch) || headers.ContainsKey(HeaderNames.IfUnmodifiedSince) || headers.ContainsKey(HeaderNames.IfRange);
}
