using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Modular.Abstractions;
using Modular.Host.Plugins;
using Modular.Host.Settings;

namespace Modular.Host.Hosting;

/// <summary>The host's side of <see cref="IPluginContext"/> for one plugin.</summary>
internal sealed class PluginContext(LoadedPlugin plugin, SettingsStore settings, string settingsFolder, ILoggerFactory loggers) : IPluginContext
{
    public string Name => plugin.Name;

    public string SettingsFolder => settingsFolder;

    public string Folder => plugin.Folder.Path;

    public ILogger Logger { get; } = loggers.CreateLogger(plugin.Name);

    public ActivitySource ActivitySource => plugin.ActivitySource;

    public Meter Meter => plugin.Meter;

    public TSettings GetSettings<TSettings>() where TSettings : class, new() =>
        plugin.SettingsTypes.Contains(typeof(TSettings))
            ? settings.Current.Get<TSettings>()
            : throw new InvalidOperationException($"{typeof(TSettings).FullName} is not listed in the Settings of plugin '{plugin.Name}''s [assembly: ModularPlugin] attribute.");
}
