using System.Net;
using System.Net.Sockets;

namespace Modular.Testing;

/// <summary>An HTTP client whose connections leave from a chosen loopback address (127.0.0.2, say), for the rules that look at
/// the client's address; it keeps no cookies of its own (the tests send them).</summary>
internal static class LoopbackClient
{
    public static HttpClient From(string localAddress, Uri baseAddress) => new(new SocketsHttpHandler
    {
        UseCookies = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(localAddress), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    }) { BaseAddress = baseAddress };
}
