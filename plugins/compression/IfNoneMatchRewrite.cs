using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Modular.Abstractions;

namespace Modular.Plugins.Compression;

/// <summary>Lets the stages after compression answer a conditional request for a compressed variant.</summary>
/// <remarks>
/// They know the identity entity tag only. A tag the client got with a variant of this request's
/// coding (<c>"abc-gzip"</c>) is given to them as the identity tag (<c>"abc"</c>), as Apache's
/// mod_deflate does, and the variants asked are kept so a 304 names the one the client holds.
/// </remarks>
internal static class IfNoneMatchRewrite
{
    /// <summary>The key, in <see cref="HttpContext.Items"/>, of the variant tags the request asked for.</summary>
    public static readonly object ItemKey = new();

    public static void Apply(HttpContext context, ContentCoding coding)
    {
        var headers = context.Request.Headers;
        var ifNoneMatch = headers.IfNoneMatch;
        if (ifNoneMatch.Count == 0)
        {
            return;
        }
        List<string>? variants = null;
        var tags = new List<string>();
        foreach (var value in ifNoneMatch)
        {
            foreach (var range in value.AsSpan().Split(','))
            {
                var tag = value.AsSpan()[range].Trim();
                if (EntityTag.WithoutCoding(tag, coding.Name) is { } identity)
                {
                    (variants ??= []).Add(tag.ToString());
                    tags.Add(identity);
                }
                else if (!tag.IsEmpty)
                {
                    tags.Add(tag.ToString());
                }
            }
        }
        if (variants is not null)
        {
            headers.IfNoneMatch = new StringValues(string.Join(", ", tags));
            context.Items[ItemKey] = variants;
        }
    }
}
