using System.Net;
using System.Net.Sockets;

namespace Modular.Abstractions;

/// <summary>A source of ready listening sockets for the web server (contract 1.5): a socket handed over by systemd, or bound by a
/// privileged helper for a port the process may not bind itself.</summary>
/// <remarks>Registered as a service by a plugin's ConfigureServices. The core asks its own provider (systemd socket activation)
/// first, then the plugins' in load order, for every endpoint the web server binds, rebinds at runtime included; the first
/// socket returned is served, and when none is, the core binds the endpoint itself.</remarks>
public interface IListenSocketProvider
{
    /// <summary>A TCP socket bound to <paramref name="endpoint"/> and listening, owned by the caller from then on (the web server
    /// closes it when it stops listening); null leaves the endpoint to the next provider.</summary>
    /// <param name="endpoint">The address and port to listen on; <see cref="IPAddress.IPv6Any"/> asks for every address of both
    /// families (a dual-mode socket).</param>
    /// <exception cref="ListenSocketUnavailableException">The provider is the way to this endpoint but cannot give it: the bind
    /// fails with the exception's message.</exception>
    Socket? TryProvide(IPEndPoint endpoint);
}
