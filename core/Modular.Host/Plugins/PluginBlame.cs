using System.Diagnostics;

namespace Modular.Host.Plugins;

/// <summary>Finds which plugin's code an exception came from, so an error thrown from a plugin is reported under its name.</summary>
internal static class PluginBlame
{
    public static LoadedPlugin? Find(Exception exception, IEnumerable<LoadedPlugin> plugins)
    {
        var assemblies = plugins.ToDictionary(plugin => plugin.Instance.GetType().Assembly);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            foreach (var frame in new StackTrace(e).GetFrames())
            {
                if (frame.GetMethod()?.DeclaringType?.Assembly is { } assembly && assemblies.TryGetValue(assembly, out var plugin))
                {
                    return plugin;
                }
            }
        }
        return null;
    }
}
