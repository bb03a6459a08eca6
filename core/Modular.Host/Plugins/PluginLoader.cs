using System.Reflection;
using Modular.Abstractions;
using Modular.Host.Settings;
using LoadContext = McMaster.NETCore.Plugins.PluginLoader;

namespace Modular.Host.Plugins;

/// <summary>Loads the selected plugin folders, each into its own load context that shares only the contract and ASP.NET Core.</summary>
internal static class PluginLoader
{
    // Sharing the contract type shares Modular.Abstractions and, transitively, the framework
    // assemblies it references; anything else a plugin brings stays private to its context.
    private static readonly Type[] SharedTypes = [typeof(IModularPlugin)];

    public static PluginSet Load(HostSettings settings, string pluginsFolder, List<string> problems)
    {
        if (settings.pluginsFolder.Length > 0 && !Directory.Exists(pluginsFolder))
        {
            problems.Add($"core: pluginsFolder = '{settings.pluginsFolder}': the folder {pluginsFolder} does not exist; create it or leave pluginsFolder empty for 'plugins' beside the modular executable.");
        }
        var folders = PluginFolder.Discover(pluginsFolder);
        var selected = settings.LoadsEveryPlugin ? folders.Select(f => f.Name).ToList() : settings.plugins.Where(name => name != "*").Distinct(StringComparer.Ordinal).ToList();
        foreach (var missing in selected.Where(name => folders.All(f => f.Name != name)))
        {
            var present = folders.Count == 0 ? "none" : string.Join(", ", folders.Select(f => f.Name));
            problems.Add($"core: plugins = '{string.Join(",", settings.plugins)}': '{missing}' has no folder in {pluginsFolder} (plugin folders present: {present}).");
        }

        var loaded = new List<LoadedPlugin>();
        foreach (var name in selected)
        {
            var folder = folders.FirstOrDefault(f => f.Name == name);
            if (folder is not null && LoadOne(folder, problems) is { } plugin)
            {
                loaded.Add(plugin);
            }
        }

        var unloadedKeys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var folder in folders.Where(f => !selected.Contains(f.Name)))
        {
            foreach (var key in ReadSettingKeys(folder))
            {
                unloadedKeys.TryAdd(key, folder.Name);
            }
        }
        return new PluginSet(loaded, unloadedKeys);
    }

    private static LoadedPlugin? LoadOne(PluginFolder folder, List<string> problems)
    {
        var entry = PluginAssemblyCheck.Check(folder, problems);
        if (entry is null)
        {
            return null;
        }
        try
        {
            var context = LoadContext.CreateFromAssemblyFile(entry, SharedTypes);
            var assembly = context.LoadDefaultAssembly();
            var marker = assembly.GetCustomAttribute<ModularPluginAttribute>();
            if (marker is null)
            {
                problems.Add($"{folder.Describe(entry)}: has no [assembly: ModularPlugin(typeof(...))] attribute naming its IModularPlugin type.");
                return null;
            }
            if (!typeof(IModularPlugin).IsAssignableFrom(marker.PluginType) || marker.PluginType.GetConstructor(Type.EmptyTypes) is null)
            {
                problems.Add($"{folder.Describe(entry)}: {marker.PluginType.FullName}, named by [assembly: ModularPlugin], must implement IModularPlugin and have a public parameterless constructor.");
                return null;
            }
            var instance = (IModularPlugin)Activator.CreateInstance(marker.PluginType)!;
            if (instance.Name != folder.Name)
            {
                problems.Add($"{folder.Describe(entry)}: its Name is '{instance.Name}', but a plugin's Name must equal its folder name '{folder.Name}'.");
                return null;
            }
            return new LoadedPlugin(folder, entry, instance, marker.Settings);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problems.Add($"{folder.Describe(entry)}: cannot be loaded: {Unwrap(e).Message}");
            return null;
        }
    }

    /// <summary>The setting keys a plugin declares, read in a context unloaded right after; a broken folder declares none.</summary>
    private static List<string> ReadSettingKeys(PluginFolder folder)
    {
        var entry = PluginAssemblyCheck.Check(folder, []);
        if (entry is null)
        {
            return [];
        }
        try
        {
            using var context = LoadContext.CreateFromAssemblyFile(entry, isUnloadable: true, SharedTypes);
            var marker = context.LoadDefaultAssembly().GetCustomAttribute<ModularPluginAttribute>();
            return marker?.Settings
                .SelectMany(type => type.GetProperties())
                .Where(property => property.GetCustomAttribute<SettingAttribute>() is not null)
                .Select(property => property.Name)
                .ToList() ?? [];
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [];
        }
    }

    public static Exception Unwrap(Exception e) => e is TargetInvocationException { InnerException: { } inner } ? Unwrap(inner) : e;
}
