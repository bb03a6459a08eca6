using Modular.Abstractions;

namespace Modular.Host.Settings;

/// <summary>Builds and validates the settings classes of a catalog from the raw layers, reporting every problem at once.</summary>
internal static class SettingsBinder
{
    /// <summary>Binds every class of <paramref name="catalog"/>; the returned snapshot is only usable when no problem was added.</summary>
    /// <param name="unloadedPluginKeys">Keys of plugins present but not loaded, mapped to the plugin's id.</param>
    public static SettingsSnapshot Bind(
        SettingsCatalog catalog,
        SettingsInput input,
        IReadOnlyDictionary<string, string> unloadedPluginKeys,
        IReadOnlyCollection<string> loadedPlugins,
        List<string> problems)
    {
        ReportUnknownKeys(catalog, input, unloadedPluginKeys, loadedPlugins, problems);

        var values = new Dictionary<Type, object>();
        var unconverted = false;
        var origins = new Dictionary<string, SettingOrigin>(StringComparer.OrdinalIgnoreCase);
        foreach (var (owner, type) in catalog.Classes)
        {
            var instance = Activator.CreateInstance(type)!;
            foreach (var setting in catalog.Settings.Where(s => s.SettingsType == type))
            {
                var found = input.Find(setting.Key);
                if (found is not { } hit)
                {
                    continue;
                }
                var origin = new SettingOrigin(hit.Source.Layer, hit.Source.DescribeOrigin(setting.Key));
                if (setting.IsReadOnly)
                {
                    problems.Add(Describe(setting, SettingValueConverter.RawText(hit.Section), origin, $"is read-only: the server derives it ({setting.Rules.Description}); remove it"));
                    continue;
                }
                origins[setting.Key] = origin;
                if (SettingValueConverter.TryConvert(setting, hit.Section, out var value, out var error))
                {
                    setting.Property.SetValue(instance, value);
                }
                else
                {
                    unconverted = true;
                    problems.Add(Describe(setting, SettingValueConverter.RawText(hit.Section), origin, error));
                }
            }
            values[type] = instance;
        }

        var snapshot = new SettingsSnapshot(values, origins);
        foreach (var (type, instance) in values)
        {
            if (instance is IValidatableSettings validatable)
            {
                Check(catalog, snapshot, type, instance, validatable.Validate, problems);
            }
        }
        // Rules across owners read other owners' values: with one left at its default because it did
        // not convert, they would report a problem the user does not have.
        if (!unconverted)
        {
            var view = new SettingsView(catalog, () => snapshot);
            foreach (var (type, instance) in values)
            {
                if (instance is IDependentSettings dependent)
                {
                    Check(catalog, snapshot, type, instance, () => dependent.Validate(view), problems);
                }
            }
        }
        return snapshot;
    }

    private static void Check(SettingsCatalog catalog, SettingsSnapshot snapshot, Type type, object instance, Func<IEnumerable<SettingProblem>> validate, List<string> problems)
    {
        IReadOnlyList<SettingProblem> found;
        try
        {
            found = validate().ToList();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var owner = catalog.Classes.First(c => c.Type == type).Owner;
            problems.Add($"{owner}: {type.Name}.Validate threw {e.GetType().Name}: {e.Message}");
            return;
        }
        foreach (var problem in found)
        {
            var setting = catalog.Find(problem.Key);
            problems.Add(setting is null
                ? $"{type.Name}: {problem.Key}: {problem.Message}"
                : Describe(setting, SettingDescriptor.FormatValue(setting.Property.GetValue(snapshot.Get(setting.SettingsType))), snapshot.OriginOf(setting.Key), problem.Message));
        }
    }

    /// <summary>The one shape of every settings message: owner, key, quoted value, origin, rule.</summary>
    public static string Describe(SettingDescriptor setting, string raw, SettingOrigin origin, string message) =>
        $"{setting.Owner}: {setting.Key} = '{(setting.Rules.Secret ? SettingDescriptor.Hidden : raw)}' ({origin.Description}): {message}.";

    private static void ReportUnknownKeys(
        SettingsCatalog catalog,
        SettingsInput input,
        IReadOnlyDictionary<string, string> unloadedPluginKeys,
        IReadOnlyCollection<string> loadedPlugins,
        List<string> problems)
    {
        foreach (var source in input.Sources)
        {
            foreach (var section in source.Values.GetChildren())
            {
                var key = section.Key;
                if (catalog.Find(key) is not null)
                {
                    continue;
                }
                var origin = source.DescribeOrigin(key);
                if (string.Equals(key, Proxy.ReverseProxySection.Name, StringComparison.OrdinalIgnoreCase))
                {
                    // YARP follows the file itself; a copy in another layer would be accepted and never used.
                    if (source.Layer != SettingLayer.File)
                    {
                        problems.Add($"{key} ({origin}): the reverse proxy's routes and clusters are read from the settings file only, where an edit applies without a restart.");
                    }
                    continue;
                }
                if (unloadedPluginKeys.TryGetValue(key, out var plugin))
                {
                    var loaded = loadedPlugins.Count == 0 ? "none" : string.Join(",", loadedPlugins);
                    problems.Add($"{key} ({origin}) belongs to plugin '{plugin}', which is not loaded (plugins = {loaded}); add '{plugin}' to the plugins setting or remove {key}.");
                    continue;
                }
                var nearest = catalog.Nearest(key);
                var hint = nearest.Count > 0 ? $" Did you mean {string.Join(", ", nearest)}?" : "";
                problems.Add($"{key} ({origin}) is not a known setting.{hint} 'modular settings list' shows every setting.");
            }
        }
    }
}
