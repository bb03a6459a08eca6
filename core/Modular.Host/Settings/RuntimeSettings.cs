using System.Text.Json.Nodes;
using Modular.Abstractions;
using Modular.Host.Hosting;
using Modular.Host.Plugins;

namespace Modular.Host.Settings;

/// <summary>Changes of the running settings (4D's WEB SET OPTION): validated together, applied whole or not at all.</summary>
internal sealed class RuntimeSettings(SettingsStore store, SettingsInput startInput, PluginSet plugins, WebServer web) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private JsonObject changed = [];
    private SettingsInput input = startInput;

    /// <summary>The result of one change: the keys applied, or every problem (and then nothing changed).</summary>
    public sealed record Outcome(IReadOnlyList<string> Applied, IReadOnlyList<string> Errors, bool Persisted);

    /// <summary>Applies <paramref name="changes"/> (names and JSON values) together; with <paramref name="persist"/> also to the settings file.</summary>
    /// <remarks>A change of a listener setting moves the listeners; when they cannot move (a port in use), the whole change is undone.</remarks>
    public async Task<Outcome> ApplyAsync(JsonObject changes, bool persist, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var problems = new List<string>();
            var merged = (JsonObject)changed.DeepClone();
            foreach (var (name, value) in changes)
            {
                if (store.Catalog.Find(name) is { } setting && setting.Rules.AppliesAt == SettingScope.Start && !setting.IsReadOnly)
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
            var previous = store.Current;
            store.Replace(snapshot);
            var moves = changes.Any(pair => store.Catalog.Find(pair.Key)!.Rules.AppliesAt == SettingScope.Listeners);
            if (moves && await web.RebindAsync(cancellationToken).ConfigureAwait(false) is { Count: > 0 } refused)
            {
                store.Replace(previous);
                // Listeners drained before the failed move (same port) come back with the settings they had.
                if (!web.IsRunning)
                {
                    refused = [.. refused, .. await web.StartAsync(cancellationToken).ConfigureAwait(false)];
                }
                return new Outcome([], refused, false);
            }
            if (persist && SettingsFileWriter.Write(input.FilePath, changes) is { } failure)
            {
                return new Outcome(Keys(changes), [$"applied, but not saved: {failure}"], false);
            }
            changed = merged;
            input = next;
            return new Outcome(Keys(changes), [], persist);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private List<string> Keys(JsonObject changes) => changes.Select(pair => store.Catalog.Find(pair.Key)!.Key).ToList();
}
