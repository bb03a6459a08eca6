using Modular.Host.Plugins;
using Modular.Host.Settings;

namespace Modular.Host.Hosting;

/// <summary>Everything read and checked before the server is built: layers, plugins, settings; with every problem found.</summary>
internal sealed class StartupPlan
{
    private StartupPlan(SettingsInput input, SettingsCatalog catalog, SettingsSnapshot snapshot, PluginSet plugins, HostPaths paths, IReadOnlyList<string> problems, IReadOnlyDictionary<string, string?> openTelemetryVariables)
    {
        OpenTelemetryVariables = openTelemetryVariables;
        Input = input;
        Catalog = catalog;
        Snapshot = snapshot;
        Plugins = plugins;
        Paths = paths;
        Problems = problems;
    }

    public SettingsInput Input { get; }

    public SettingsCatalog Catalog { get; }

    public SettingsSnapshot Snapshot { get; }

    public PluginSet Plugins { get; }

    public HostPaths Paths { get; }

    public IReadOnlyList<string> Problems { get; }

    /// <summary>The OTEL_* variables of the start's environment (OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_SERVICE_NAME, …), read by OpenTelemetry.</summary>
    public IReadOnlyDictionary<string, string?> OpenTelemetryVariables { get; }

    /// <summary>The core's settings classes, in the order the reference lists them.</summary>
    public static IReadOnlyList<Type> CoreSettingsClasses { get; } = [typeof(HostSettings), typeof(ConnectionSettings), typeof(StaticCacheSettings), typeof(Telemetry.TelemetrySettings), typeof(Admin.AdminSettings)];

    public HostSettings Host => Snapshot.Get<HostSettings>();

    /// <summary>Reads the layers, loads the selected plugins, binds and validates every setting.</summary>
    public static StartupPlan Read(StartOptions options)
    {
        var input = SettingsInput.Read(options.SettingsFile, options.SettingArguments, options.Environment, options.WorkingDirectory);
        var problems = new List<string>(input.Problems);

        // The core's settings come first: they say which plugins to load, and plugins bring the rest.
        var coreCatalog = new SettingsCatalog();
        coreCatalog.Add("core", typeof(HostSettings), problems);
        // This first pass reports nothing: keys of plugins look unknown to it, and the full pass below repeats the rest.
        var core = SettingsBinder.Bind(coreCatalog, input, new Dictionary<string, string>(), [], []).Get<HostSettings>();
        var paths = HostPaths.Resolve(core, input.BaseDirectory);
        var plugins = PluginLoader.Load(core, paths.PluginsFolder, problems);

        var catalog = new SettingsCatalog();
        foreach (var type in CoreSettingsClasses)
        {
            catalog.Add("core", type, problems);
        }
        foreach (var plugin in plugins.Loaded)
        {
            foreach (var type in plugin.SettingsTypes)
            {
                catalog.Add(plugin.Name, type, problems);
            }
        }
        var snapshot = SettingsBinder.Bind(catalog, input, plugins.UnloadedPluginKeys, plugins.Names, problems);
        var openTelemetryVariables = options.Environment
            .Where(variable => variable.Key.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(variable => variable.Key, variable => variable.Value, StringComparer.OrdinalIgnoreCase);
        return new StartupPlan(input, catalog, snapshot, plugins, paths, problems, openTelemetryVariables);
    }
}
