using System.Reflection;
using Modular.Abstractions;

namespace Modular.Host.Settings;

/// <summary>Every setting the running host knows: the core's and those of the loaded plugins.</summary>
internal sealed class SettingsCatalog
{
    private readonly Dictionary<string, SettingDescriptor> byKey = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Owner, Type Type)> classes = [];

    public IEnumerable<SettingDescriptor> Settings => byKey.Values;

    public IReadOnlyList<(string Owner, Type Type)> Classes => classes;

    public SettingDescriptor? Find(string key) => byKey.GetValueOrDefault(key);

    /// <summary>Adds the settings declared by <paramref name="settingsType"/>; a key declared twice is a problem naming both owners.</summary>
    public void Add(string owner, Type settingsType, List<string> problems)
    {
        if (settingsType.GetConstructor(Type.EmptyTypes) is null)
        {
            problems.Add($"{owner}: settings class {settingsType.FullName} needs a public parameterless constructor.");
            return;
        }
        object defaults;
        try
        {
            defaults = Activator.CreateInstance(settingsType)!;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problems.Add($"{owner}: settings class {settingsType.FullName} cannot be created: {(e.InnerException ?? e).Message}");
            return;
        }
        classes.Add((owner, settingsType));
        foreach (var property in settingsType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var rules = property.GetCustomAttribute<SettingAttribute>();
            if (rules is null)
            {
                continue;
            }
            if (byKey.TryGetValue(property.Name, out var existing))
            {
                problems.Add($"{owner}: setting {property.Name} is already declared by {existing.Owner}.");
                continue;
            }
            byKey.Add(property.Name, new SettingDescriptor(owner, settingsType, property, rules, defaults));
        }
    }

    /// <summary>Known keys closest to <paramref name="key"/>, for "did you mean" in an unknown-key message.</summary>
    public IReadOnlyList<string> Nearest(string key, int count = 3)
    {
        var threshold = Math.Max(2, key.Length / 3);
        return byKey.Keys
            .Select(known => (known, distance: EditDistance(key.ToUpperInvariant(), known.ToUpperInvariant())))
            .Where(pair => pair.distance <= threshold || pair.known.Contains(key, StringComparison.OrdinalIgnoreCase))
            .OrderBy(pair => pair.distance)
            .ThenBy(pair => pair.known, StringComparer.Ordinal)
            .Take(count)
            .Select(pair => pair.known)
            .ToList();
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
