using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Modular.Host.Hosting;
using Modular.Host.Plugins;
using Modular.Host.Settings;
using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Modular.Host.Telemetry;

/// <summary>OpenTelemetry for the life of the process: a span per request (ASP.NET Core's, with the HTTP semantic conventions),
/// child spans for the calls YARP makes upstream and for plugins' sources, sent to telemetryExporters.</summary>
/// <remarks>
/// One provider for the process, not one per start of the web server: ASP.NET Core's source is process-wide, and two providers
/// (the draining application's and the new one's, while listeners move) would each see, and filter, the other's requests.
/// Exporters are chosen at the process's start; the debug log file numbers its files per process start.
/// </remarks>
internal sealed class ProcessTelemetry : IDisposable
{
    /// <summary>YARP's calls upstream go through HttpClient's own source.</summary>
    private const string HttpClientSource = "System.Net.Http";

    /// <summary>ASP.NET Core's and Kestrel's meters, HttpClient's (YARP's calls upstream), the runtime's, ours and the plugins'.</summary>
    private static readonly string[] Meters =
    [
        ModularMeter.Name, LoadedPlugin.SourcePrefix + "*", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Diagnostics", "System.Net.Http",
        // The runtime's own (GC, allocations, thread pool, working set): observed at each collection, nothing per request.
        "System.Runtime",
    ];

    private readonly Lock gate = new();
    private readonly StartupPlan plan;
    private readonly SettingsStore store;
    private readonly ILoggerFactory loggers;
    private readonly IConfiguration configuration;
    private readonly string serviceName;
    private readonly Meter meter;
    private readonly bool exportsMetrics;
    private TracerProvider? tracing;
    private MeterProvider? metrics;

    public ProcessTelemetry(StartupPlan plan, ProcessState state, ILoggerFactory loggers)
    {
        this.plan = plan;
        store = state.Store;
        this.loggers = loggers;
        // The SDK reads OTEL_* from configuration: the start's own variables (a test or an embedder may give others than the process's).
        configuration = new ConfigurationBuilder().AddInMemoryCollection(plan.OpenTelemetryVariables).Build();
        serviceName = store.Current.Get<HostSettings>().name;
        Follow(store.Current);
        // debugLog changed through the admin API: the tracer is there (or gone) before the next request.
        store.Changed += Follow;

        meter = ModularMeter.Create(state);
        exportsMetrics = store.Current.Get<TelemetrySettings>().EffectiveExporters.Contains("otlp");
        if (exportsMetrics)
        {
            _ = Metrics;
        }
    }

    /// <summary>The metrics of the process, read by the admin API's /metrics (Prometheus) and pushed by OTLP when listed.</summary>
    /// <remarks>Made at the first scrape unless OTLP pushes them from the start: listening to ASP.NET Core's and Kestrel's meters
    /// costs about a tenth of a cached page's req/s (bench/run.sh), which a server nobody scrapes should not pay.</remarks>
    public MeterProvider Metrics
    {
        get
        {
            lock (gate)
            {
                return metrics ??= BuildMetrics();
            }
        }
    }

    private MeterProvider BuildMetrics()
    {
        var builder = Sdk.CreateMeterProviderBuilder()
            .ConfigureServices(services => services.AddSingleton<IConfiguration>(configuration))
            .ConfigureResource(resource => resource.AddService(serviceName).AddEnvironmentVariableDetector())
            .AddMeter(Meters)
            // Each scrape collects afresh: a scrape right after a change shows it (the exporter would repeat its last answer for 300 ms).
            .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0);
        if (exportsMetrics)
        {
            builder.AddOtlpExporter();
        }
        return builder.Build();
    }

    /// <summary>Builds the tracer when something reads spans and drops it when nothing does. Without a tracer ASP.NET Core makes no
    /// span at all, while even a tracer that samples nothing makes it create an activity and raise diagnostic events for every
    /// request (half the req/s of a cached page, bench/run.sh). Each tracer starts a new debug log file.</summary>
    private void Follow(SettingsSnapshot snapshot)
    {
        var wanted = snapshot.Get<TelemetrySettings>().Traces;
        TracerProvider? dropped = null;
        lock (gate)
        {
            if (wanted && tracing is null)
            {
                tracing = BuildTracer();
            }
            else if (!wanted && tracing is not null)
            {
                (dropped, tracing) = (tracing, null);
            }
        }
        // Outside the lock: it writes what is queued.
        dropped?.Dispose();
    }

    private TracerProvider BuildTracer()
    {
        var settings = store.Current.Get<TelemetrySettings>();
        var monitor = new SettingsMonitor<TelemetrySettings>(store);
        var builder = Sdk.CreateTracerProviderBuilder()
            .ConfigureServices(services => services.AddSingleton<IConfiguration>(configuration))
            .ConfigureResource(resource => resource.AddService(serviceName).AddEnvironmentVariableDetector())
            // Every request while the tracer exists (it exists only while spans are read): the default sampler would follow a
            // client's traceparent, and a client sending "not sampled" would hide its requests from the debug log.
            .SetSampler(new AlwaysOnSampler())
            .AddAspNetCoreInstrumentation()
            .AddSource(HttpClientSource)
            .AddSource(LoadedPlugin.SourcePrefix + "*");
        if (settings.EffectiveExporters.Any(exporter => exporter != "file"))
        {
            // Before every exporter: OTLP and the console need each attribute of a debug log record as a tag of its own,
            // where the file writes the records whole.
            builder.AddProcessor(new DebugLogRecordExpander());
        }
        foreach (var exporter in settings.EffectiveExporters)
        {
            switch (exporter)
            {
                case "file":
                    var folder = Path.GetFullPath(settings.logsFolder, plan.Input.BaseDirectory);
                    // A debug log keeps every record: a deep queue, written within a fifth of a second.
                    builder.AddProcessor(new BatchActivityExportProcessor(new HttpDebugLogFile(folder, monitor, loggers.CreateLogger("Modular")),
                        maxQueueSize: 65_536, scheduledDelayMilliseconds: 200, maxExportBatchSize: 2048));
                    break;
                case "otlp":
                    builder.AddOtlpExporter();
                    break;
                case "console":
                    builder.AddConsoleExporter();
                    break;
            }
        }
        return builder.Build();
    }

    /// <summary>Writes what is queued (the last requests' spans) before the process ends.</summary>
    public void Dispose()
    {
        store.Changed -= Follow;
        lock (gate)
        {
            tracing?.Dispose();
            tracing = null;
            metrics?.Dispose();
            metrics = null;
        }
        meter.Dispose();
    }
}
