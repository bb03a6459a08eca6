namespace Modular.Abstractions;

/// <summary>Thrown by an <see cref="IListenSocketProvider"/> that should give an endpoint and cannot (contract 1.5); the message
/// says why and what to do, and the web server's bind error carries it.</summary>
/// <remarks>An <see cref="IOException"/>, as the core's own bind errors are, so that Kestrel's fallback from IPv6 to IPv4 on an
/// any-address endpoint does not swallow it.</remarks>
public sealed class ListenSocketUnavailableException : IOException
{
    public ListenSocketUnavailableException()
    {
    }

    public ListenSocketUnavailableException(string message) : base(message)
    {
    }

    public ListenSocketUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
