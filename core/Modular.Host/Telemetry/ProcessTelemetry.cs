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

    /// <summary>ASP.NET Core's and Kestrel's meters, HttpClient's (YARP's calls upstream), ours and the plugins'.</summary>
    private static readonly string[] Meters =
    [
        ModularMeter.Name, LoadedPlugin.SourcePrefix + "*", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Diagnostics", "System.Net.Http",
    ];

    private readonly TracerProvider tracing;
    private readonly Meter meter;

    public ProcessTelemetry(StartupPlan plan, ProcessState state, ILoggerFactory loggers)
    {
        var store = state.Store;
        var settings = store.Current.Get<TelemetrySettings>();
        var monitor = new SettingsMonitor<TelemetrySettings>(store);
        // The SDK reads OTEL_* from configuration: the start's own variables (a test or an embedder may give others than the process's).
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(plan.OpenTelemetryVariables).Build();
        var serviceName = store.Current.Get<HostSettings>().name;
        var builder = Sdk.CreateTracerProviderBuilder()
            .ConfigureServices(services => services.AddSingleton<IConfiguration>(configuration))
            .ConfigureResource(resource => resource.AddService(serviceName).AddEnvironmentVariableDetector())
            .SetSampler(new DebugLogSampler(monitor))
            .AddAspNetCoreInstrumentation()
            .AddSource(HttpClientSource)
            .AddSource(LoadedPlugin.SourcePrefix + "*");
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
        tracing = builder.Build();

        meter = ModularMeter.Create(state);
        var metrics = Sdk.CreateMeterProviderBuilder()
            .ConfigureServices(services => services.AddSingleton<IConfiguration>(configuration))
            .ConfigureResource(resource => resource.AddService(serviceName).AddEnvironmentVariableDetector())
            .AddMeter(Meters)
            .AddPrometheusExporter();
        if (settings.EffectiveExporters.Contains("otlp"))
        {
            metrics.AddOtlpExporter();
        }
        Metrics = metrics.Build();
    }

    /// <summary>The metrics of the process, read by the admin API's /metrics (Prometheus) and pushed by OTLP when listed.</summary>
    public MeterProvider Metrics { get; }

    /// <summary>Writes what is queued (the last requests' spans) before the process ends.</summary>
    public void Dispose()
    {
        tracing.Dispose();
        Metrics.Dispose();
        meter.Dispose();
    }
}
