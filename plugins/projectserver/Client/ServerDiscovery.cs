using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Modular.Plugins.ProjectServer.Discovery;

namespace Modular.Plugins.ProjectServer.Client;

/// <summary>One published project found by discovery, on the server that answered.</summary>
public sealed record AvailableProject(string Name, string Version, bool Encrypted, IPAddress Address, int Port)
{
    /// <summary>As 4D's Available list shows it: an encrypted project's name starts with '^'.</summary>
    public string Shown => (Encrypted ? "^" : "") + Name;
}

/// <summary>Finds the servers of the subnet: broadcasts discovery requests on the publishing port and reports each project the
/// first time a server names it, in order of appearance (4D's Available tab).</summary>
public static class ServerDiscovery
{
    private static readonly TimeSpan Resend = TimeSpan.FromSeconds(1);

    /// <summary>Asks until <paramref name="wait"/> has passed, again every second (a datagram may be lost), on
    /// <paramref name="targets"/> or, when none are given, the limited broadcast and every interface's own broadcast.</summary>
    public static async IAsyncEnumerable<AvailableProject> SearchAsync(int port, TimeSpan wait, IReadOnlyList<IPAddress>? targets = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { EnableBroadcast = true };
        udp.Bind(new IPEndPoint(IPAddress.Any, 0));
        var destinations = (targets is { Count: > 0 } ? targets : BroadcastAddresses()).Select(address => new IPEndPoint(address, port)).ToList();
        var request = DiscoveryProtocol.Request();
        var seen = new HashSet<(IPAddress, int, string)>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(wait);
        var buffer = new byte[DiscoveryProtocol.MaxRequestSize];
        var nextSend = DateTime.UtcNow;
        while (!deadline.IsCancellationRequested)
        {
            if (DateTime.UtcNow >= nextSend)
            {
                foreach (var destination in destinations)
                {
                    await SendAsync(udp, request, destination, deadline.Token).ConfigureAwait(false);
                }
                nextSend = DateTime.UtcNow + Resend;
            }
            SocketReceiveFromResult received;
            using var slice = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token);
            slice.CancelAfter(Resend);
            try
            {
                received = await udp.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0), slice.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                continue;
            }
            catch (SocketException)
            {
                // An ICMP "port unreachable" from a host without a server: others may still answer.
                continue;
            }
            if (DiscoveryProtocol.ReadAnswer(buffer.AsSpan(0, received.ReceivedBytes)) is not { } answer)
            {
                continue;
            }
            var server = ((IPEndPoint)received.RemoteEndPoint).Address;
            foreach (var project in answer.projects)
            {
                if (seen.Add((server, answer.port, project.name)))
                {
                    yield return new AvailableProject(project.name, project.version, project.encrypted, server, answer.port);
                }
            }
        }
    }

    private static async Task SendAsync(Socket udp, byte[] request, IPEndPoint destination, CancellationToken cancellationToken)
    {
        try
        {
            await udp.SendToAsync(request, SocketFlags.None, destination, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            // An interface without a route for broadcasts: the others are tried all the same.
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>255.255.255.255 and the broadcast address of every IPv4 interface that is up (a host with several networks
    /// would otherwise reach only the one of its default route).</summary>
    private static List<IPAddress> BroadcastAddresses()
    {
        var addresses = new List<IPAddress> { IPAddress.Broadcast };
        foreach (var network in NetworkInterface.GetAllNetworkInterfaces().Where(network => network.OperationalStatus == OperationalStatus.Up))
        {
            foreach (var unicast in network.GetIPProperties().UnicastAddresses)
            {
                if (unicast.Address.AddressFamily != AddressFamily.InterNetwork || IPAddress.IsLoopback(unicast.Address) || unicast.PrefixLength is <= 0 or >= 32)
                {
                    continue;
                }
                var host = (uint)IPAddress.NetworkToHostOrder(BitConverter.ToInt32(unicast.Address.GetAddressBytes()));
                var broadcast = host | (uint.MaxValue >> unicast.PrefixLength);
                addresses.Add(new IPAddress(BitConverter.GetBytes(IPAddress.HostToNetworkOrder((int)broadcast))));
            }
        }
        return [.. addresses.Distinct()];
    }
}
