using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Plugins.ProjectServer.Packages;
using Modular.Plugins.ProjectServer.Settings;

namespace Modular.Plugins.ProjectServer.Discovery;

/// <summary>Answers discovery broadcasts on publishingPort (UDP) with the published projects, while publishAtStartup is on.</summary>
/// <remarks>Every datagram is counted by outcome (<see cref="DiscoveryCounts"/>); anything but a well-formed request of an
/// admitted client is dropped without an answer, and an answer is never larger than its request.</remarks>
internal sealed class DiscoveryResponder(ProjectCatalog catalog, IOptionsMonitor<ProjectServerOptions> options, DiscoveryCounts counts, ILogger<DiscoveryResponder> logger)
    : IAsyncDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private Socket? socket;
    private Task? receiving;
    private int stopped;

    /// <summary>Starts receiving on <paramref name="address"/>:<paramref name="port"/>; the service's TCP port goes in the answers.</summary>
    public void Start(IPAddress address, int port, int servicePort)
    {
        socket = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        if (address.Equals(IPAddress.IPv6Any))
        {
            socket.DualMode = true;
        }
        socket.Bind(new IPEndPoint(address, port));
        receiving = ReceiveAsync(socket, servicePort, stopping.Token);
    }

    /// <summary>Stops answering (at the service's stop, and again, harmlessly, when the container disposes it).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }
        await stopping.CancelAsync().ConfigureAwait(false);
        socket?.Dispose();
        if (receiving is not null)
        {
            await receiving.ConfigureAwait(false);
        }
        stopping.Dispose();
    }

    private async Task ReceiveAsync(Socket udp, int servicePort, CancellationToken cancellationToken)
    {
        // One byte more than the largest request taken: a datagram filling it was larger, and is dropped whole.
        var buffer = new byte[DiscoveryProtocol.MaxRequestSize + 1];
        EndPoint anyone = new IPEndPoint(udp.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!cancellationToken.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await udp.ReceiveFromAsync(buffer, SocketFlags.None, anyone, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                // An ICMP "port unreachable" from an earlier answer's client surfaces here on some systems: not ours to stop for.
                logger.DiscoveryReceiveFailed(e.Message);
                continue;
            }
            var client = (IPEndPoint)received.RemoteEndPoint;
            if (Answer(buffer.AsSpan(0, received.ReceivedBytes), client, servicePort) is { } answer)
            {
                try
                {
                    await udp.SendToAsync(answer, SocketFlags.None, client, cancellationToken).ConfigureAwait(false);
                }
                catch (SocketException e)
                {
                    logger.DiscoveryReceiveFailed(e.Message);
                }
            }
        }
    }

    /// <summary>The answer to <paramref name="datagram"/> from <paramref name="client"/>, or null (counted) when there is none.</summary>
    private byte[]? Answer(ReadOnlySpan<byte> datagram, IPEndPoint client, int servicePort)
    {
        var current = options.CurrentValue;
        if (datagram.Length > DiscoveryProtocol.MaxRequestSize)
        {
            return counts.Drop("oversized");
        }
        if (!DiscoveryProtocol.IsRequest(datagram))
        {
            return counts.Drop("malformed");
        }
        if (!current.publishAtStartup)
        {
            return counts.Drop("unpublished");
        }
        if (!current.Access.Admits(client.Address, out _))
        {
            return counts.Drop("denied");
        }
        var projects = catalog.Projects.Select(project => new DiscoveredProject { name = project.Name, version = project.Current.Version, encrypted = current.clientServerEncryption }).ToList();
        if (DiscoveryProtocol.Answer(servicePort, projects, datagram.Length) is not { } answer)
        {
            return counts.Drop("too_small");
        }
        counts.Answered();
        return answer;
    }
}
