using System.Text.Json.Nodes;
using Modular.Abstractions;
using Modular.Host.Plugins;

namespace Modular.Host.Settings;

/// <summary>Changes of the running settings (4D's WEB SET OPTION): validated together, applied whole or not at all.</summary>
internal sealed class RuntimeSettings(SettingsStore store, SettingsInput startInput, PluginSet plugins)
{
    private readonly Lock gate = new();
    private JsonObject changed = [];
    private SettingsInput input = startInput;

    /// <summary>The result of one change: the keys applied, or every problem (and then nothing changed).</summary>
    public sealed record Outcome(IReadOnlyList<string> Applied, IReadOnlyList<string> Errors, bool Persisted);

    /// <summary>Applies <paramref name="changes"/> (names and JSON values) together; with <paramref name="persist"/> also to the settings file.</summary>
    public Outcome Apply(JsonObject changes, bool persist)
    {
        lock (gate)
        {
            var problems = new List<string>();
            var merged = (JsonObject)changed.DeepClone();
            foreach (var (name, value) in changes)
            {
                if (store.Catalog.Find(name) is { } setting && setting.Rules.AppliesAt != SettingScope.NextRequest)
                {
                    problems.Add($"{setting.Owner}: {setting.Key} applies {setting.AppliesText}, not while running; change it in the settings file, then restart.");
                }
                merged[store.Catalog.Find(name)?.Key ?? name] = value?.DeepClone();
            }
            var next = input.WithRuntime(merged);
            var snapshot = SettingsBinder.Bind(store.Catalog, next, plugins.UnloadedPluginKeys, plugins.Names, problems);
            if (problems.Count > 0)
            {
                return new Outcome([], problems, false);
            }
            if (persist && SettingsFileWriter.Write(input.FilePath, changes) is { } failure)
            {
                return new Outcome([], [failure], false);
            }
            changed = merged;
            input = next;
            store.Replace(snapshot);
            return new Outcome(changes.Select(pair => store.Catalog.Find(pair.Key)!.Key).ToList(), [], persist);
        }
    }
}
