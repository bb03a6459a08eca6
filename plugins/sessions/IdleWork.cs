namespace Modular.Plugins.Sessions;

/// <summary>The cancellation behind a session's IdleWork token: cancelled when the session has been idle for
/// inactiveProcessTimeout, then replaced by a fresh one when the session is used again (as 4D starts a new process).</summary>
internal sealed class IdleWork : IDisposable
{
    private readonly Lock gate = new();
    private CancellationTokenSource source = new();
    private bool disposed;

    /// <summary>Cancelled once disposed (the session ended, or its idle work was swept while a request asked for it).</summary>
    public CancellationToken Token
    {
        get
        {
            lock (gate)
            {
                return disposed ? new CancellationToken(canceled: true) : source.Token;
            }
        }
    }

    /// <summary>The session is used again: work cancelled for idleness starts afresh with a new token.</summary>
    public void Renew()
    {
        lock (gate)
        {
            if (!disposed && source.IsCancellationRequested)
            {
                source.Dispose();
                source = new CancellationTokenSource();
            }
        }
    }

    public void Cancel()
    {
        CancellationTokenSource current;
        lock (gate)
        {
            if (disposed)
            {
                return;
            }
            current = source;
        }
        // Outside the lock: callbacks registered by plugins run here.
        current.Cancel();
    }

    public void Dispose()
    {
        Cancel();
        lock (gate)
        {
            disposed = true;
            source.Dispose();
        }
    }
}
