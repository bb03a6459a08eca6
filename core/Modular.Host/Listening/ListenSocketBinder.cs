using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Modular.Abstractions;

namespace Modular.Host.Listening;

/// <summary>Binds Kestrel's listening sockets, turning the common failures into messages that say what to do.</summary>
/// <remarks>
/// Kestrel calls this for every endpoint it binds, rebinds included (notes/platform.md § 2). The providers come first, systemd
/// socket activation then the plugins' (the privileged helper): a ready socket from one of them is served as it is.
/// </remarks>
internal sealed class ListenSocketBinder(IReadOnlyList<ListenEndpoint> endpoints, IEnumerable<IListenSocketProvider> providers)
{
    public Socket Bind(EndPoint endpoint)
    {
        if (endpoint is IPEndPoint ip)
        {
            foreach (var provider in providers)
            {
                try
                {
                    if (provider.TryProvide(ip) is { } ready)
                    {
                        return ready;
                    }
                }
                catch (ListenSocketUnavailableException e)
                {
                    throw new ListenerBindException($"{Head(ip)}: {e.Message}", e);
                }
            }
        }
        try
        {
            return SocketTransportOptions.CreateDefaultBoundListenSocket(endpoint);
        }
        catch (SocketException e) when (endpoint is IPEndPoint failed && Describe(failed, e.SocketErrorCode) is { } message)
        {
            throw new ListenerBindException(message, e);
        }
    }

    /// <summary>"Cannot listen on 127.0.0.1:80 (HTTPPort = 80)".</summary>
    private string Head(IPEndPoint endpoint)
    {
        var setting = endpoints.FirstOrDefault(e => e.Port == endpoint.Port)?.PortSetting ?? "port";
        var any = endpoint.Address.Equals(IPAddress.IPv6Any) || endpoint.Address.Equals(IPAddress.Any);
        var where = any ? $"port {endpoint.Port} on every address" : $"{Format(endpoint.Address)}:{endpoint.Port}";
        return $"Cannot listen on {where} ({setting} = {endpoint.Port})";
    }

    /// <summary>The message for a failure we can explain; null leaves the error to Kestrel (its IPv6-to-IPv4 fallback needs that).</summary>
    private string? Describe(IPEndPoint endpoint, SocketError error)
    {
        var setting = endpoints.FirstOrDefault(e => e.Port == endpoint.Port)?.PortSetting ?? "port";
        var any = endpoint.Address.Equals(IPAddress.IPv6Any) || endpoint.Address.Equals(IPAddress.Any);
        var head = Head(endpoint);
        switch (error)
        {
            case SocketError.AddressAlreadyInUse:
                // 4D does not say which family holds the port; we do (spec/NOTES.md).
                var holder = any ? TakenFamilies(endpoint.Port) : "";
                return $"{head}: the address is already in use{holder} by another process. Stop that process or choose another {setting}.";
            case SocketError.AccessDenied:
                var message = $"{head}: permission denied.";
                return endpoint.Port >= 1024 ? message : message +
                    " Ports below 1024 need privilege; ways out: choose a port of 1024 or more; " +
                    "install the privileged helper (the helpertool plugin: sudo modular helper install); " +
                    "grant the capability (setcap 'cap_net_bind_service=+ep' on the dotnet executable that runs modular, or AmbientCapabilities=CAP_NET_BIND_SERVICE in a systemd unit); " +
                    "let systemd bind it (socket activation: a .socket unit with ListenStream=" + endpoint.Port + "); " +
                    "or lower net.ipv4.ip_unprivileged_port_start (sysctl, Linux).";
            case SocketError.AddressNotAvailable:
                return $"{head}: {endpoint.Address} is not an address of this machine; set IPAddressToListen to one of its addresses, or leave it empty for all.";
            default:
                return null;
        }
    }

    /// <summary>" on IPv4 (0.0.0.0)" or " on IPv6 ([::])" when only one family's port is taken.</summary>
    private static string TakenFamilies(int port)
    {
        var ipv4 = IsTaken(new IPEndPoint(IPAddress.Any, port));
        var ipv6 = Socket.OSSupportsIPv6 && IsTaken(new IPEndPoint(IPAddress.IPv6Any, port));
        return (ipv4, ipv6) switch
        {
            (true, false) => " on IPv4 (0.0.0.0)",
            (false, true) => " on IPv6 ([::])",
            _ => "",
        };
    }

    private static bool IsTaken(IPEndPoint endpoint)
    {
        using var probe = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        if (endpoint.AddressFamily == AddressFamily.InterNetworkV6)
        {
            probe.DualMode = false;
        }
        try
        {
            probe.Bind(endpoint);
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
    }

    private static string Format(IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
}
