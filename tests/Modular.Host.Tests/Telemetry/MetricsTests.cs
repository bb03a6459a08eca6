using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Modular.Testing;

namespace Modular.Host.Tests.Telemetry;

/// <summary>Metrics in Prometheus's format on the admin listener: ASP.NET Core's and Kestrel's, and the core's own counters.</summary>
public sealed class MetricsTests : FolderTests
{
    private async Task<(ServerProcess Server, HttpClient Admin)> StartAsync(params string[] settings)
    {
        Folder.Write("WebFolder/page.html", "<p>measured</p>");
        var admin = "127.0.0.1:" + FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var server = await ServerProcess.StartAsync(Folder, null, ["--adminAddress", admin, .. settings]);
        return (server, new HttpClient { BaseAddress = new Uri("http://" + admin) });
    }

    /// <summary>The value of the sample line of <paramref name="metric"/> whose labels contain <paramref name="label"/>.</summary>
    private static double Sample(string scrape, string metric, string label = "") =>
        double.Parse(scrape.Split('\n').Single(line => line.StartsWith(metric + "{", StringComparison.Ordinal) && line.Contains(label, StringComparison.Ordinal)).Split(' ')[^1], CultureInfo.InvariantCulture);

    [Fact]
    public async Task Cache_keep_alive_and_request_metrics_are_scraped_from_the_admin_listener_without_its_own_requests()
    {
        var (server, admin) = await StartAsync("--staticCacheEnabled", "true", "--keepAliveEnabled", "false");
        using var _ = server;
        using var __ = admin;
        // The first scrape starts the collection of ASP.NET Core's and Kestrel's meters; the core's counters count from the start.
        Assert.DoesNotContain("http_server_request_duration_seconds_count", await admin.GetStringAsync("/metrics"), StringComparison.Ordinal);
        for (var i = 0; i < 3; i++)
        {
            (await server.Client.GetAsync("/page.html")).Dispose();
        }
        (await admin.GetAsync("/settings")).Dispose();

        using var response = await admin.GetAsync("/metrics");
        var scrape = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Equal(1, Sample(scrape, "modular_static_cache_misses_total"));
        Assert.Equal(2, Sample(scrape, "modular_static_cache_hits_total"));
        Assert.Equal(15, Sample(scrape, "modular_static_cache_size_bytes"));
        Assert.Equal(3, Sample(scrape, "modular_keepalive_closes_total"));
        Assert.Equal(0, Sample(scrape, "modular_requests_refused_total"));
        // The web server's three requests, not the admin API's.
        Assert.Equal(3, Sample(scrape, "http_server_request_duration_seconds_count", "http_response_status_code=\"200\""));
        Assert.Contains($"server_port=\"{server.Port}\"", scrape, StringComparison.Ordinal);
        Assert.True(Sample(scrape, "dotnet_gc_heap_total_allocated_bytes_total") > 0);
    }

    [Fact]
    public async Task With_otlp_listed_the_metrics_are_pushed_to_a_collector_with_the_core_s_counters_and_ASP_NET_Core_s()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        Folder.Write("WebFolder/page.html", "<p>measured</p>");
        // An export every half second instead of the SDK's every minute.
        var environment = receiver.Variables("shop-frontend", ("OTEL_METRIC_EXPORT_INTERVAL", "500"));
        using var server = await ServerProcess.StartAsync(Folder, environment, "--telemetryExporters", "otlp", "--staticCacheEnabled", "true", "--keepAliveEnabled", "false");
        for (var i = 0; i < 3; i++)
        {
            (await server.Client.GetAsync("/page.html")).Dispose();
        }

        // Cumulative, as OTLP's default. The cache counts a hit while it answers, the request duration once the response is done:
        // an export between the two has the third hit without the third duration, so the wait is for an export with both.
        List<OtlpMetric>? export = null;
        await Polling.UntilAsync(() => (export = receiver.MetricExports.FirstOrDefault(e => Value(e, "modular.static_cache.hits") == 2 && OkCount(e) == 3)) is not null, 10);
        Assert.NotNull(export);
        var hits = Assert.Single(export, metric => metric.Name == "modular.static_cache.hits");
        Assert.Equal(("Modular", "sum"), (hits.Scope, hits.Kind));
        Assert.Equal("shop-frontend", hits.Resource["service.name"]);
        Assert.Equal(1, Value(export, "modular.static_cache.misses"));
        Assert.Equal(15, Value(export, "modular.static_cache.size"));
        Assert.Equal(3, Value(export, "modular.keepalive.closes"));
        Assert.Equal(0, Value(export, "modular.requests.refused"));
        var duration = Assert.Single(export, metric => metric.Name == "http.server.request.duration");
        Assert.Equal(("Microsoft.AspNetCore.Hosting", "histogram"), (duration.Scope, duration.Kind));
        var ok = Assert.Single(duration.Points, point => Equals(point.Attributes.GetValueOrDefault("http.response.status_code"), 200L));
        Assert.Equal(3UL, ok.Count);
        Assert.Equal(("GET", "http"), (ok.Attributes["http.request.method"], ok.Attributes["url.scheme"]));
        // Kestrel's meter, by the port the requests came in on.
        Assert.Contains(export, metric => metric.Scope == "Microsoft.AspNetCore.Server.Kestrel"
            && metric.Points.Any(point => Equals(point.Attributes.GetValueOrDefault("server.port"), (long)server.Port)));
    }

    /// <summary>How many requests answered 200 the request-duration histogram of one export counts (0 when it has none).</summary>
    private static long OkCount(List<OtlpMetric> export) =>
        export.Where(metric => metric.Name == "http.server.request.duration").SelectMany(metric => metric.Points)
            .Where(point => Equals(point.Attributes.GetValueOrDefault("http.response.status_code"), 200L)).Sum(point => (long)point.Count);

    /// <summary>The value of the single data point of <paramref name="name"/> in one export, or NaN when it has none.</summary>
    private static double Value(List<OtlpMetric> export, string name) =>
        export.Where(metric => metric.Name == name).SelectMany(metric => metric.Points).Select(point => point.Value).DefaultIfEmpty(double.NaN).Single();

    [Fact]
    public async Task Requests_refused_by_the_concurrency_cap_are_counted()
    {
        var (server, admin) = await StartAsync("--maxConcurrentProcesses", "10", "--pluginsFolder", Folder.PluginsWith("probe"));
        using var _ = server;
        using var __ = admin;
        // 4D serves at most the cap minus one at once: nine slow requests take every place, the tenth is refused.
        var slow = Enumerable.Range(0, 9).Select(_ => server.Client.GetAsync("/slow?ms=2000")).ToList();
        await Task.Delay(700);
        using (var refused = await server.Client.GetAsync("/page.html"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        }
        foreach (var response in await Task.WhenAll(slow))
        {
            response.Dispose();
        }

        Assert.Equal(1, Sample(await admin.GetStringAsync("/metrics"), "modular_requests_refused_total"));
    }

    [Fact]
    public async Task With_an_admin_token_the_scrape_needs_it()
    {
        var (server, admin) = await StartAsync("--adminToken", "a-long-enough-scrape-token");
        using var _ = server;
        using var __ = admin;

        using var refused = await admin.GetAsync("/metrics");
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "a-long-enough-scrape-token");
        using var allowed = await admin.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }
}
