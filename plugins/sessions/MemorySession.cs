using Modular.Abstractions;

namespace Modular.Plugins.Sessions;

/// <summary>A session kept in this process, with its storage in memory.</summary>
internal sealed class MemorySession : IWebSession, IDisposable
{
    private readonly MemorySessionStorage values = new();
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

    public ISessionStorage Storage => values;

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

    public void Dispose() => idleWork.Dispose();
}
