using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Modular.Host.Hosting;
using Modular.Host.Plugins;
using Modular.Host.Settings;
using OpenTelemetry;
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

    private readonly TracerProvider tracing;

    public ProcessTelemetry(StartupPlan plan, SettingsStore store, ILoggerFactory loggers)
    {
        var settings = store.Current.Get<TelemetrySettings>();
        var monitor = new SettingsMonitor<TelemetrySettings>(store);
        // The SDK reads OTEL_* from configuration: the start's own variables (a test or an embedder may give others than the process's).
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(plan.OpenTelemetryVariables).Build();
        var builder = Sdk.CreateTracerProviderBuilder()
            .ConfigureServices(services => services.AddSingleton<IConfiguration>(configuration))
            .ConfigureResource(resource => resource.AddService(store.Current.Get<HostSettings>().name).AddEnvironmentVariableDetector())
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
    }

    /// <summary>Writes what is queued (the last requests' spans) before the process ends.</summary>
    public void Dispose() => tracing.Dispose();
}
