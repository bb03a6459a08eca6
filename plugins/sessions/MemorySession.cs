using System.Collections.Concurrent;
using Modular.Abstractions;

namespace Modular.Plugins.Sessions;

/// <summary>A session kept in this process: a concurrent dictionary per session, so each key is written on its own.</summary>
internal sealed class MemorySession : IWebSession, ISessionStorage, IDisposable
{
    private readonly ConcurrentDictionary<string, string> values = new(StringComparer.Ordinal);
    private readonly Lock idleWorkLock = new();
    private CancellationTokenSource idleWork = new();
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

    public CancellationToken IdleWork
    {
        get
        {
            lock (idleWorkLock)
            {
                return idleWork.Token;
            }
        }
    }

    /// <summary>Marks the session used now; work cancelled for idleness starts afresh with a new token (as 4D starts a new process).</summary>
    public void Touch(DateTimeOffset now)
    {
        Interlocked.Exchange(ref lastAccessTicks, now.UtcTicks);
        lock (idleWorkLock)
        {
            if (idleWork.IsCancellationRequested)
            {
                idleWork.Dispose();
                idleWork = new CancellationTokenSource();
            }
        }
    }

    public bool IsIdle(DateTimeOffset now, TimeSpan lifetime) => now - LastAccess >= lifetime;

    /// <summary>Cancels the work running for the session (the session itself stays).</summary>
    public void CancelIdleWork()
    {
        CancellationTokenSource source;
        lock (idleWorkLock)
        {
            source = idleWork;
        }
        // Outside the lock: callbacks registered by plugins run here.
        source.Cancel();
    }

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

    public void Dispose()
    {
        CancelIdleWork();
        lock (idleWorkLock)
        {
            idleWork.Dispose();
        }
    }
}
