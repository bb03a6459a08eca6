namespace Modular.Abstractions;

/// <summary>The session of one remote client's connection to a published project (4D's remote user session, contract 1.4).</summary>
public interface IRemoteUserSession
{
    /// <summary>The session id: 128 random bits as 32 lowercase hexadecimal digits.</summary>
    string Id { get; }

    /// <summary>The published project the client connected to.</summary>
    string Project { get; }

    /// <summary>The package version the client connected with, and keeps until it reconnects.</summary>
    string Version { get; }

    RemoteUserInfo Info { get; }

    /// <summary>The session's storage (4D's <c>Session.storage</c>), shared by everything working for this connection.</summary>
    ISessionStorage Storage { get; }
}
