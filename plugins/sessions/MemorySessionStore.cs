using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Modular.Abstractions;

namespace Modular.Plugins.Sessions;

/// <summary>The default store: sessions in this process's memory, ended by idleness (checked on use and by a periodic sweep).</summary>
internal sealed class MemorySessionStore : ISessionStore, IDisposable
{
    private readonly ConcurrentDictionary<string, MemorySession> sessions = new(StringComparer.Ordinal);
    private readonly IOptionsMonitor<WebSessionOptions> options;
    private readonly TimeProvider clock;
    private readonly OpenSessionsGauge gauge;

    public MemorySessionStore(IOptionsMonitor<WebSessionOptions> options, TimeProvider clock, OpenSessionsGauge gauge)
    {
        this.options = options;
        this.clock = clock;
        this.gauge = gauge;
        gauge.Track(this);
    }

    /// <summary>The sessions held, expired ones the sweep has not removed yet included.</summary>
    public long Count => sessions.Count;

    public ValueTask<IWebSession?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!sessions.TryGetValue(id, out var session))
        {
            return ValueTask.FromResult<IWebSession?>(null);
        }
        var now = clock.GetUtcNow();
        if (session.IsIdle(now, options.CurrentValue.SessionLifetime))
        {
            End(session);
            return ValueTask.FromResult<IWebSession?>(null);
        }
        session.Touch(now);
        return ValueTask.FromResult<IWebSession?>(session);
    }

    public ValueTask<IWebSession> CreateAsync(string clientAddress, CancellationToken cancellationToken)
    {
        var session = new MemorySession(SessionId.New(), clientAddress, clock.GetUtcNow());
        // 128 random bits do not collide; TryAdd is the guard all the same.
        while (!sessions.TryAdd(session.Id, session))
        {
            session = new MemorySession(SessionId.New(), clientAddress, session.Created);
        }
        return ValueTask.FromResult<IWebSession>(session);
    }

    public ValueTask<long> CountAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var lifetime = options.CurrentValue.SessionLifetime;
        return ValueTask.FromResult((long)sessions.Values.Count(session => !session.IsIdle(now, lifetime)));
    }

    public ValueTask<IReadOnlyList<ListedSession>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var lifetime = options.CurrentValue.SessionLifetime;
        IReadOnlyList<ListedSession> live = [.. sessions.Values.Where(session => !session.IsIdle(now, lifetime))
            .Select(session => new ListedSession(session.Id, session.Info))
            .OrderByDescending(session => session.Info.LastAccess).Take(limit)];
        return ValueTask.FromResult(live);
    }

    public ValueTask<bool> EndAsync(string id, CancellationToken cancellationToken) =>
        ValueTask.FromResult(sessions.TryGetValue(id, out var session) && End(session));

    /// <summary>Ends the sessions idle for inactiveSessionTimeout and cancels the work of those idle for inactiveProcessTimeout.</summary>
    public ValueTask SweepAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var current = options.CurrentValue;
        foreach (var session in sessions.Values)
        {
            if (session.IsIdle(now, current.SessionLifetime))
            {
                End(session);
            }
            else if (session.IsIdle(now, current.IdleWorkLifetime))
            {
                session.CancelIdleWork();
            }
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Removes the session and cancels its work; a session a sweep and a request both end is ended once.</summary>
    private bool End(MemorySession session)
    {
        if (!sessions.TryRemove(KeyValuePair.Create(session.Id, session)))
        {
            return false;
        }
        session.Dispose();
        return true;
    }

    public void Dispose()
    {
        gauge.Untrack(this);
        foreach (var session in sessions.Values)
        {
            End(session);
        }
    }
}
