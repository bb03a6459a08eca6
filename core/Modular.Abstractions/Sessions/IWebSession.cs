namespace Modular.Abstractions;

/// <summary>A client's web session (4D's <c>Session</c> object), shared by every request that carries its cookie (contract 1.2).</summary>
public interface IWebSession
{
    /// <summary>The session id: 128 random bits, as the cookie carries it.</summary>
    string Id { get; }

    /// <summary>When the session was made, when it was last used, and from which client address.</summary>
    SessionInfo Info { get; }

    /// <summary>The session's storage (4D's <c>Session.storage</c>): text values by key, safe under concurrent use.</summary>
    ISessionStorage Storage { get; }

    /// <summary>Cancelled once the session has been idle for <c>inactiveProcessTimeout</c>: work a plugin runs for the
    /// session holds this token, so it ends then (4D kills the session's process), though the session itself lives on
    /// until <c>inactiveSessionTimeout</c>.</summary>
    CancellationToken IdleWork { get; }
}
