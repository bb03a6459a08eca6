namespace Modular.Plugins.ProjectServer.Client;

/// <summary>A remote operation that failed for a reason the user can act on; the message says what and why.</summary>
public sealed class RemoteException : Exception
{
    public RemoteException()
    {
    }

    public RemoteException(string message)
        : base(message)
    {
    }

    public RemoteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
