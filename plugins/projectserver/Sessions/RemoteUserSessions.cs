using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Modular.Abstractions;
using Modular.Plugins.ProjectServer.Packages;

namespace Modular.Plugins.ProjectServer.Sessions;

/// <summary>The open remote user sessions, and the plugins' On Server Open / Shutdown Connection handlers run for them.</summary>
internal sealed class RemoteUserSessions(IEnumerable<IRemoteConnectionHandler> handlers, TimeProvider clock, ILogger<RemoteUserSessions> logger)
    : IRemoteUserSessions
{
    private readonly IRemoteConnectionHandler[] handlers = handlers.ToArray();
    private readonly ConcurrentDictionary<string, RemoteUserSession> open = new(StringComparer.Ordinal);

    public IReadOnlyList<IRemoteUserSession> All => [.. open.Values.OrderBy(session => session.Info.CreationDateTime)];

    IRemoteUserSession? IRemoteUserSessions.Find(string id) => Find(id);

    /// <summary>The open session <paramref name="id"/> with what the service needs of it (its project and package), or null.</summary>
    public RemoteUserSession? Find(string id) => open.GetValueOrDefault(id);

    /// <summary>Opens a session on the project's current version, then runs the open handlers before the client hears of it.</summary>
    public async Task<RemoteUserSession> OpenAsync(PublishedProject project, string userName, string machineName, string address, CancellationToken cancellationToken)
    {
        var session = new RemoteUserSession(project, project.Hold(), userName, machineName, address, clock.GetUtcNow());
        open[session.Id] = session;
        logger.Connected(userName, machineName, address, project.Name, session.Version, session.Id);
        foreach (var handler in handlers)
        {
            await RunAsync(handler, nameof(IRemoteConnectionHandler.OnServerOpenConnectionAsync), session,
                () => handler.OnServerOpenConnectionAsync(session, cancellationToken)).ConfigureAwait(false);
        }
        return session;
    }

    /// <summary>Ends session <paramref name="id"/> (closed by its client, an operator, or the server stopping); false when it is not open.</summary>
    public async Task<bool> CloseAsync(string id, string reason, CancellationToken cancellationToken)
    {
        if (!open.TryRemove(id, out var session) || !session.Close())
        {
            return false;
        }
        logger.Disconnected(id, session.Info.UserName, session.Project, reason);
        foreach (var handler in handlers)
        {
            await RunAsync(handler, nameof(IRemoteConnectionHandler.OnServerShutdownConnectionAsync), session,
                () => handler.OnServerShutdownConnectionAsync(session, cancellationToken)).ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>Ends every session: the server is stopping.</summary>
    public async Task CloseAllAsync(CancellationToken cancellationToken)
    {
        foreach (var id in open.Keys)
        {
            await CloseAsync(id, "the server stopped", cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RunAsync(IRemoteConnectionHandler handler, string name, RemoteUserSession session, Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // 4D's rule for database methods: an error there is reported, and the connection it was called for goes on.
            logger.HandlerFailed(handler.GetType().FullName ?? handler.GetType().Name, name, session.Id, e.ToString());
        }
    }
}
