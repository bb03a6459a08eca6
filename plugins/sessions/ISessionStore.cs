using Modular.Abstractions;

namespace Modular.Plugins.Sessions;

/// <summary>Where sessions live: in this process by default, or in Redis, shared by several instances.</summary>
/// <remarks>A store that cannot be reached throws <see cref="SessionUnavailableException"/>.</remarks>
internal interface ISessionStore
{
    /// <summary>The live session with this id, marked as used now; null when there is none or it expired.</summary>
    ValueTask<IWebSession?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>A new session made now for a client at <paramref name="clientAddress"/>.</summary>
    ValueTask<IWebSession> CreateAsync(string clientAddress, CancellationToken cancellationToken);

    /// <summary>How many sessions are alive (in every instance sharing the store).</summary>
    ValueTask<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> live sessions, the most recently used first (the admin page's list).</summary>
    ValueTask<IReadOnlyList<ListedSession>> ListAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Ends the session now, its storage with it; false when there was no such session.</summary>
    ValueTask<bool> EndAsync(string id, CancellationToken cancellationToken);

    /// <summary>Run every 30 seconds: cancels the idle work of sessions idle for inactiveProcessTimeout (and ends
    /// expired sessions where the store does not expire them itself).</summary>
    ValueTask SweepAsync(CancellationToken cancellationToken);
}

/// <summary>A live session as an operator sees it.</summary>
internal sealed record ListedSession(string Id, SessionInfo Info);
