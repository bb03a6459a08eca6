namespace Modular.Host.Plugins;

/// <summary>A folder under the plugins folder: one plugin, named after the folder.</summary>
internal sealed record PluginFolder(string Name, string Path)
{
    /// <summary>Every folder of <paramref name="pluginsFolder"/>, by name; none when it does not exist.</summary>
    public static IReadOnlyList<PluginFolder> Discover(string pluginsFolder) =>
        Directory.Exists(pluginsFolder)
            ? Directory.EnumerateDirectories(pluginsFolder)
                .Select(path => new PluginFolder(System.IO.Path.GetFileName(path), path))
                .OrderBy(folder => folder.Name, StringComparer.Ordinal)
                .ToList()
            : [];

    /// <summary>Says "plugin 'name' (file)" at the start of a message about this plugin.</summary>
    public string Describe(string? file = null) => $"plugin '{Name}' ({file ?? Path})";
}
