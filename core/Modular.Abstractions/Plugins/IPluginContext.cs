using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace Modular.Abstractions;

/// <summary>What the host gives a plugin while it registers its services.</summary>
public interface IPluginContext
{
    /// <summary>The plugin's id (its folder name).</summary>
    string Name { get; }

    /// <summary>The plugin's folder, holding its assembly and private dependencies.</summary>
    string Folder { get; }

    /// <summary>The settings file's folder (contract 1.4): a relative folder in a setting is relative to it, as rootFolder is.</summary>
    string SettingsFolder { get; }

    /// <summary>A logger whose category is the plugin's id.</summary>
    ILogger Logger { get; }

    /// <summary>The plugin's own source of spans, <c>Modular.Plugins.&lt;id&gt;</c> (contract 1.3): a span it starts during a request
    /// is a child of the request's span and goes wherever telemetryExporters sends spans.</summary>
    ActivitySource ActivitySource { get; }

    /// <summary>The plugin's own meter, <c>Modular.Plugins.&lt;id&gt;</c> (contract 1.3), the same object at every start of the web
    /// server: create its instruments once. They are exported with the server's metrics (OTLP, the admin API's /metrics).</summary>
    Meter Meter { get; }

    /// <summary>The validated value of one of the plugin's settings classes at start.</summary>
    /// <remarks>Inside services, take <c>IOptionsMonitor&lt;TSettings&gt;</c> instead: it follows runtime changes.</remarks>
    TSettings GetSettings<TSettings>() where TSettings : class, new();
}
