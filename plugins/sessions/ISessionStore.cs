using Modular.Abstractions;

namespace Modular.Plugins.Sessions;

/// <summary>Where sessions live: in this process by default, or in a store shared by several instances.</summary>
internal interface ISessionStore
{
    /// <summary>The live session with this id, marked as used now; null when there is none or it expired.</summary>
    ValueTask<IWebSession?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>A new session made now for a client at <paramref name="clientAddress"/>.</summary>
    ValueTask<IWebSession> CreateAsync(string clientAddress, CancellationToken cancellationToken);
}
