namespace Modular.Abstractions;

/// <summary>Handles 4D's On Server Open Connection and On Server Shutdown Connection for remote clients (contract 1.4).</summary>
/// <remarks>Register implementations as services (<c>services.AddSingleton&lt;IRemoteConnectionHandler, Mine&gt;()</c>); every one
/// is called, in registration order. A handler that throws is logged with its type and the session, and neither the
/// connection nor the other handlers are affected.</remarks>
public interface IRemoteConnectionHandler
{
    /// <summary>After a client opened a connection, before the server answers it: the session's storage may be filled here.</summary>
    Task OnServerOpenConnectionAsync(IRemoteUserSession session, CancellationToken cancellationToken);

    /// <summary>After the connection was closed by the client or ended by an operator, or the server stops.</summary>
    Task OnServerShutdownConnectionAsync(IRemoteUserSession session, CancellationToken cancellationToken);
}
