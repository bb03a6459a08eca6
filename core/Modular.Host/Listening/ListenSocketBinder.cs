using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Modular.Host.Listening;

/// <summary>Binds Kestrel's listening sockets, turning the two common failures into messages that say what to do.</summary>
/// <remarks>
/// Kestrel calls this for every endpoint it binds, rebinds included (notes/platform.md § 2); later,
/// ready sockets from systemd or the privileged helper are handed over here too.
/// </remarks>
internal sealed class ListenSocketBinder(IReadOnlyList<ListenEndpoint> endpoints)
{
    public Socket Bind(EndPoint endpoint)
    {
        try
        {
            return SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied && endpoint is IPEndPoint ip)
        {
            throw new ListenerBindException(Describe(ip, e.SocketErrorCode), e);
        }
    }

    private string Describe(IPEndPoint endpoint, SocketError error)
    {
        var setting = endpoints.FirstOrDefault(e => e.Port == endpoint.Port)?.PortSetting ?? "port";
        var where = endpoint.Address.Equals(IPAddress.IPv6Any) || endpoint.Address.Equals(IPAddress.Any)
            ? $"port {endpoint.Port} on every address"
            : $"{FormatAddress(endpoint.Address)}:{endpoint.Port}";
        if (error == SocketError.AddressAlreadyInUse)
        {
            return $"Cannot listen on {where} ({setting} = {endpoint.Port}): the address is already in use by another process. Stop that process or choose another {setting}.";
        }
        var message = $"Cannot listen on {where} ({setting} = {endpoint.Port}): permission denied.";
        if (endpoint.Port < 1024)
        {
            message += " Ports below 1024 need privilege; ways out: choose a port of 1024 or more; " +
                "grant the capability (setcap 'cap_net_bind_service=+ep' on the dotnet executable that runs modular, or AmbientCapabilities=CAP_NET_BIND_SERVICE in a systemd unit); " +
                "lower net.ipv4.ip_unprivileged_port_start (sysctl, Linux); or run modular as root.";
        }
        return message;
    }

    private static string FormatAddress(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
}
