using System.Collections.Concurrent;

namespace Modular.Abstractions;

/// <summary>A session storage held in this process (contract 1.4): one concurrent dictionary, so each key is written on its own.</summary>
/// <remarks>In the contract so that every plugin keeping sessions in memory (web sessions, remote user sessions) shares one
/// implementation of the storage rules instead of a copy each.</remarks>
public sealed class MemorySessionStorage : ISessionStorage
{
    private readonly ConcurrentDictionary<string, string> values = new(StringComparer.Ordinal);

    public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(values.TryGetValue(key, out var value) ? value : null);

    public ValueTask SetAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        values[key] = value;
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken = default) => ValueTask.FromResult(values.TryRemove(key, out _));

    public ValueTask<IReadOnlyDictionary<string, string>> GetAllAsync(CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>(values, StringComparer.Ordinal));
}
