using System.Net;
using System.Net.Sockets;
using Modular.Plugins.HelperTool.Protocol;

namespace Modular.Plugins.HelperTool.Helper;

/// <summary>Serves the helper's Unix socket: for each allowed request, binds the asked TCP address and port, listens, and passes the
/// socket back; everything else is refused with the reason, and every decision is logged.</summary>
/// <remarks>Each client is served on its own task with a deadline, so a slow or silent one holds only its own slot; past
/// <see cref="MaxClients"/> at once, a new client is told the helper is busy.</remarks>
internal sealed class HelperServer(Socket listener, string policyPath)
{
    public const int MaxClients = 32;

    /// <summary>The backlog of the sockets the helper binds: Kestrel's own default.</summary>
    private const int Backlog = 512;

    private static readonly TimeSpan RequestDeadline = TimeSpan.FromSeconds(5);

    private int clients;

    public async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (SocketException e)
            {
                // Out of descriptors, a client gone before accept: the next one may do better.
                HelperLog.Write($"accept failed: {e.Message}");
                await Task.Delay(100, stop).ConfigureAwait(false);
                continue;
            }
            if (Interlocked.Increment(ref clients) > MaxClients)
            {
                Interlocked.Decrement(ref clients);
                _ = AnswerAndCloseAsync(client, $"the helper is busy with {MaxClients} clients; try again");
                continue;
            }
            _ = Task.Run(async () =>
            {
                try
                {
                    await ServeAsync(client).ConfigureAwait(false);
                }
                finally
                {
                    client.Dispose();
                    Interlocked.Decrement(ref clients);
                }
            }, CancellationToken.None);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        PeerCredentials peer;
        try
        {
            peer = PeerCredentials.Of(client);
        }
        catch (SocketException e)
        {
            HelperLog.Write($"refused a client whose credentials cannot be read: {e.Message}");
            return;
        }
        var who = $"uid {peer.UserId} ({UnixAccounts.UserName(peer.UserId)}), pid {peer.ProcessId}";
        try
        {
            var (line, problem) = await ReadRequestAsync(client).ConfigureAwait(false);
            if (line is null)
            {
                HelperLog.Write($"refused {who}: {problem}");
                await AnswerAsync(client, problem!).ConfigureAwait(false);
                return;
            }
            var request = HelperMessages.DecodeRequest(line, out problem);
            var endpoint = request is null ? null : Endpoint(request, out problem);
            if (endpoint is null)
            {
                HelperLog.Write($"refused {who}: {problem}");
                await AnswerAsync(client, problem!).ConfigureAwait(false);
                return;
            }
            var refusal = Refusal(peer, endpoint);
            if (refusal is not null)
            {
                HelperLog.Write($"refused {who} {Describe(endpoint)}: {refusal}");
                await AnswerAsync(client, refusal).ConfigureAwait(false);
                return;
            }
            using var bound = Bind(endpoint, out problem);
            if (bound is null)
            {
                HelperLog.Write($"could not give {who} {Describe(endpoint)}: {problem}");
                await AnswerAsync(client, problem!).ConfigureAwait(false);
                return;
            }
            DescriptorPassing.Send(client, HelperMessages.Encode(new HelperAnswer(null)), bound.SafeHandle);
            HelperLog.Write($"gave {who} {Describe(endpoint)}");
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            HelperLog.Write($"lost {who}: {e.Message}");
        }
    }

    /// <summary>One line, newline excluded; null with the reason when it does not come whole within the deadline and the length limit.</summary>
    private static async Task<(byte[]? Line, string? Problem)> ReadRequestAsync(Socket client)
    {
        var buffer = new byte[HelperMessages.MaxLength];
        var length = 0;
        using var deadline = new CancellationTokenSource(RequestDeadline);
        try
        {
            while (length < buffer.Length)
            {
                var read = await client.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, deadline.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    return (null, "the client closed the connection before a whole request");
                }
                var newline = Array.IndexOf(buffer, (byte)'\n', length, read);
                length += read;
                if (newline >= 0)
                {
                    return (buffer[..newline], null);
                }
            }
        }
        catch (OperationCanceledException)
        {
            return (null, $"no whole request within {RequestDeadline.TotalSeconds:0} s");
        }
        return (null, $"the request is longer than {HelperMessages.MaxLength} bytes");
    }

    private static IPEndPoint? Endpoint(HelperRequest request, out string? problem)
    {
        problem = null;
        if (!IPAddress.TryParse(request.Address, out var address))
        {
            problem = $"address \"{request.Address}\" is not an IPv4 or IPv6 address";
            return null;
        }
        if (request.Port is < 1 or > 65535)
        {
            problem = $"port {request.Port} is outside 1-65535";
            return null;
        }
        return new IPEndPoint(address, request.Port);
    }

    private string? Refusal(PeerCredentials peer, IPEndPoint endpoint)
    {
        try
        {
            return HelperPolicy.Load(policyPath).Refusal(peer, endpoint.Address, endpoint.Port);
        }
        catch (PolicyException e)
        {
            return e.Message;
        }
    }

    /// <summary>Bound and listening as Kestrel would make it itself (dual mode for [::], address reuse for quick restarts).</summary>
    private static Socket? Bind(IPEndPoint endpoint, out string? problem)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (endpoint.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            socket.Bind(endpoint);
            socket.Listen(Backlog);
            problem = null;
            return socket;
        }
        catch (SocketException e)
        {
            socket.Dispose();
            problem = $"cannot bind {Describe(endpoint)}: {e.Message}";
            return null;
        }
    }

    private static async Task AnswerAsync(Socket client, string refusal)
    {
        using var deadline = new CancellationTokenSource(RequestDeadline);
        await client.SendAsync(HelperMessages.Encode(new HelperAnswer(refusal)), SocketFlags.None, deadline.Token).ConfigureAwait(false);
    }

    private static async Task AnswerAndCloseAsync(Socket client, string refusal)
    {
        using (client)
        {
            HelperLog.Write($"refused a client: {refusal}");
            try
            {
                await AnswerAsync(client, refusal).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                // It is gone or not reading: nothing more to tell it.
            }
        }
    }

    private static string Describe(IPEndPoint endpoint) =>
        endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]:{endpoint.Port}" : $"{endpoint.Address}:{endpoint.Port}";
}
