using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Modular.Host.Connection;
using Modular.Host.Settings;

namespace Modular.Host.Caching;

/// <summary>4D's /4DSTATS, /4DHTMLSTATS and /4DCACHECLEAR, answered to loopback clients only (spec/NOTES.md); anyone else gets 404.</summary>
internal sealed class StatisticsPages(RequestDelegate next, StaticPageCache cache, ServerStatistics server, IOptionsMonitor<StaticCacheSettings> settings)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (path is not ("/4DSTATS" or "/4DHTMLSTATS" or "/4DCACHECLEAR"))
        {
            return next(context);
        }
        if (!LoopbackAddress.Is(context.Connection.RemoteIpAddress))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        if (path == "/4DCACHECLEAR")
        {
            cache.Clear();
            return WriteAsync(context, "Cache cleared", []);
        }
        var htmlOnly = path == "/4DHTMLSTATS";
        var statistics = cache.Statistics(settings.CurrentValue.MaxSizeBytes, htmlOnly);
        var rows = new List<(string, string)>
        {
            ("Cache Current Size", Number(statistics.CurrentSize)),
            ("Cache Max Size", Number(statistics.MaxSize)),
            ("Cached Object Max Size", Number(statistics.MaxObjectSize)),
            ("Cache Use", statistics.UsePercent.ToString("0.0", CultureInfo.InvariantCulture) + " %"),
            ("Cached Objects", Number(statistics.CachedObjects)),
            ("Cache Hits", Number(statistics.Hits)),
            ("Cache Misses", Number(statistics.Misses)),
        };
        if (htmlOnly)
        {
            rows.Add(("Filtered Objects", Number(statistics.FilteredObjects)));
        }
        else
        {
            rows.Add(("Requests Refused (503)", Number(server.RejectedRequests)));
        }
        return WriteAsync(context, htmlOnly ? "HTML page cache statistics" : "Cache statistics", rows);
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static Task WriteAsync(HttpContext context, string title, IEnumerable<(string Name, string Value)> rows)
    {
        var html = new StringBuilder()
            .Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").Append(title).Append("</title></head><body>\n<h1>")
            .Append(title).Append("</h1>\n<table>\n");
        foreach (var (name, value) in rows)
        {
            html.Append("<tr><th>").Append(name).Append("</th><td>").Append(value).Append("</td></tr>\n");
        }
        html.Append("</table>\n</body></html>\n");
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(html.ToString(), context.RequestAborted);
    }
}
