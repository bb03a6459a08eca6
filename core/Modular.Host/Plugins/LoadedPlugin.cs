using System.Diagnostics;
using System.Diagnostics.Metrics;
using Modular.Abstractions;

namespace Modular.Host.Plugins;

/// <summary>A plugin loaded into its own load context, ready to configure.</summary>
internal sealed class LoadedPlugin(PluginFolder folder, string entryFile, IModularPlugin instance, IReadOnlyList<Type> settingsTypes)
{
    /// <summary>The prefix of every plugin's ActivitySource and Meter names; telemetry listens to <c>Modular.Plugins.*</c>.</summary>
    public const string SourcePrefix = "Modular.Plugins.";

    public string Name => Folder.Name;

    public PluginFolder Folder { get; } = folder;

    public string EntryFile { get; } = entryFile;

    public IModularPlugin Instance { get; } = instance;

    public IReadOnlyList<Type> SettingsTypes { get; } = settingsTypes;

    /// <summary>One per plugin for the life of the process: it outlives each start of the web server, as the plugin does.</summary>
    public ActivitySource ActivitySource { get; } = new(SourcePrefix + folder.Name);

    /// <summary>Likewise, so instruments a plugin creates once keep counting across starts.</summary>
    public Meter Meter { get; } = new(SourcePrefix + folder.Name);

}
