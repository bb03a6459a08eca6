using System.Collections.Concurrent;
using Modular.Abstractions;

namespace Modular.Plugins.Sessions;

/// <summary>A session kept in this process: a concurrent dictionary per session, so each key is written on its own.</summary>
internal sealed class MemorySession : IWebSession, ISessionStorage, IDisposable
{
    private readonly ConcurrentDictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly IdleWork idleWork = new();
    private long lastAccessTicks;

    public MemorySession(string id, string clientAddress, DateTimeOffset now)
    {
        Id = id;
        ClientAddress = clientAddress;
        Created = now;
        lastAccessTicks = now.UtcTicks;
    }

    public string Id { get; }

    public string ClientAddress { get; }

    public DateTimeOffset Created { get; }

    public DateTimeOffset LastAccess => new(Interlocked.Read(ref lastAccessTicks), TimeSpan.Zero);

    public SessionInfo Info => new(Created, LastAccess, ClientAddress);

    public ISessionStorage Storage => this;

    public CancellationToken IdleWork => idleWork.Token;

    /// <summary>Marks the session used now.</summary>
    public void Touch(DateTimeOffset now)
    {
        Interlocked.Exchange(ref lastAccessTicks, now.UtcTicks);
        idleWork.Renew();
    }

    public bool IsIdle(DateTimeOffset now, TimeSpan lifetime) => now - LastAccess >= lifetime;

    /// <summary>Cancels the work running for the session (the session itself stays).</summary>
    public void CancelIdleWork() => idleWork.Cancel();

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

    public void Dispose() => idleWork.Dispose();
}
