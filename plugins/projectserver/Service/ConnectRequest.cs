namespace Modular.Plugins.ProjectServer.Service;

/// <summary>The body of a connection request: who connects, from which machine (both shown to operators and handlers).</summary>
internal sealed class ConnectRequest
{
    public string? userName { get; init; }

    public string? machineName { get; init; }
}
