using System.Net;
using System.Net.Sockets;

namespace Modular.Testing;

/// <summary>A loopback port the system just handed out, for a server that must be told its port.</summary>
/// <remarks>
/// 4D's rule makes HTTPPort 0 mean 80, so the server cannot be asked for "any port": the test asks
/// the system for one (port 0), releases it, and the server binds it right after.
/// </remarks>
internal static class FreePort
{
    public static int Next(AddressFamily family = AddressFamily.InterNetwork)
    {
        using var listener = new Socket(family, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(family == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Loopback : IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
