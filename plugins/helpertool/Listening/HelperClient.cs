using System.Net;
using System.Net.Sockets;
using Modular.Abstractions;
using Modular.Plugins.HelperTool.Protocol;

namespace Modular.Plugins.HelperTool.Listening;

/// <summary>Asks the helper on its Unix socket for a listening socket and takes the descriptor it passes back.</summary>
internal static class HelperClient
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>The socket, bound to <paramref name="endpoint"/> and listening; a <see cref="ListenSocketUnavailableException"/> saying
    /// why and what to do otherwise.</summary>
    public static Socket RequestListenSocket(string helperSocket, IPEndPoint endpoint)
    {
        using var connection = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            connection.Connect(new UnixDomainSocketEndPoint(helperSocket));
        }
        catch (SocketException e)
        {
            throw new ListenSocketUnavailableException(e.SocketErrorCode switch
            {
                SocketError.AccessDenied => $"the helper's socket {helperSocket} does not let user {Environment.UserName} in: run modular as a member of the socket's group (modular helper install --group)",
                SocketError.ConnectionRefused => $"no helper is running behind {helperSocket}: start it (systemctl start modular-helper.socket, or on macOS launchctl kickstart system/com.modular.helper) or install it again (sudo modular helper install)",
                _ => $"cannot reach the helper at {helperSocket}: {e.Message}",
            }, e);
        }
        var (line, descriptor) = Exchange(connection, helperSocket, HelperMessages.Encode(new HelperRequest(endpoint.Address.ToString(), endpoint.Port)));
        var answer = HelperMessages.DecodeAnswer(line);
        Socket? socket = descriptor >= 0 ? new Socket(new SafeSocketHandle(descriptor, ownsHandle: true)) : null;
        if (answer.Error is not null || socket is null)
        {
            socket?.Dispose();
            throw new ListenSocketUnavailableException(answer.Error is null
                ? $"the helper at {helperSocket} said yes but passed no socket"
                : $"the helper at {helperSocket} refused: {answer.Error}");
        }
        if (!Equals(socket.LocalEndPoint, endpoint))
        {
            var got = socket.LocalEndPoint;
            socket.Dispose();
            throw new ListenSocketUnavailableException($"the helper at {helperSocket} passed a socket bound to {got}, not {endpoint}");
        }
        return socket;
    }

    /// <summary>Sends the request and reads the answer's line (newline excluded) with the descriptor that came with it (-1: none).</summary>
    private static (byte[] Line, int Descriptor) Exchange(Socket connection, string helperSocket, byte[] request)
    {
        var descriptor = -1;
        try
        {
            connection.Send(request);
            var buffer = new byte[HelperMessages.MaxLength];
            var length = 0;
            var until = DateTime.UtcNow + Deadline;
            while (length < buffer.Length)
            {
                var left = until - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !connection.Poll(left, SelectMode.SelectRead))
                {
                    throw new ListenSocketUnavailableException($"the helper at {helperSocket} did not answer within {Deadline.TotalSeconds:0} s");
                }
                var read = DescriptorPassing.Receive(connection, buffer.AsSpan(length), out var received);
                if (received >= 0)
                {
                    descriptor = received;
                }
                if (read == 0)
                {
                    break;
                }
                var newline = Array.IndexOf(buffer, (byte)'\n', length, read);
                length += read;
                if (newline >= 0)
                {
                    return (buffer[..newline], descriptor);
                }
            }
            throw new ListenSocketUnavailableException($"the helper at {helperSocket} closed the connection without a whole answer");
        }
        catch (Exception e) when (e is ListenSocketUnavailableException or SocketException)
        {
            if (descriptor >= 0)
            {
                new SafeSocketHandle(descriptor, ownsHandle: true).Dispose();
            }
            throw e as ListenSocketUnavailableException ?? new ListenSocketUnavailableException($"lost the helper at {helperSocket}: {e.Message}", e);
        }
    }
}
