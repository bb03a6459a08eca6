namespace Modular.Abstractions;

/// <summary>The open remote user sessions (contract 1.4), registered as a service by the plugin that publishes projects.</summary>
public interface IRemoteUserSessions
{
    /// <summary>Every open session at the time of the call, oldest first.</summary>
    IReadOnlyList<IRemoteUserSession> All { get; }

    /// <summary>The open session <paramref name="id"/>, or null.</summary>
    IRemoteUserSession? Find(string id);
}
