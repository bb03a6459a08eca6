namespace Modular.Host.Plugins;

/// <summary>The plugins of one start: those loaded, in the order of the plugins setting, and the keys of those present but not loaded.</summary>
internal sealed class PluginSet(IReadOnlyList<LoadedPlugin> loaded, IReadOnlyDictionary<string, string> unloadedPluginKeys)
{
    public IReadOnlyList<LoadedPlugin> Loaded { get; } = loaded;

    /// <summary>Setting keys of plugins present in the plugins folder but not selected, mapped to the plugin's id.</summary>
    public IReadOnlyDictionary<string, string> UnloadedPluginKeys { get; } = unloadedPluginKeys;

    public IReadOnlyList<string> Names => Loaded.Select(plugin => plugin.Name).ToList();
}
