using Modular.Abstractions;

namespace Modular.Host.Plugins;

/// <summary>A plugin loaded into its own load context, ready to configure.</summary>
internal sealed class LoadedPlugin(PluginFolder folder, string entryFile, IModularPlugin instance, IReadOnlyList<Type> settingsTypes)
{
    public string Name => Folder.Name;

    public PluginFolder Folder { get; } = folder;

    public string EntryFile { get; } = entryFile;

    public IModularPlugin Instance { get; } = instance;

    public IReadOnlyList<Type> SettingsTypes { get; } = settingsTypes;

}
