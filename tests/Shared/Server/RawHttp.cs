using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Modular.Testing;

/// <summary>One HTTP/1.x connection driven byte by byte: requests are sent exactly as written (no path normalisation), responses read one at a time.</summary>
internal sealed class RawHttp : IAsyncDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);
    private readonly TcpClient client;
    private readonly NetworkStream stream;
    private readonly List<byte> buffered = [];

    private RawHttp(TcpClient client)
    {
        this.client = client;
        stream = client.GetStream();
    }

    public sealed record Answer(int Status, string Head, string Body)
    {
        public string? Header(string name) => Head.Split("\r\n").Skip(1)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2 && parts[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            .Select(parts => parts[1].Trim())
            .FirstOrDefault();
    }

    public static async Task<RawHttp> ConnectAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        return new RawHttp(client);
    }

    /// <summary>GET <paramref name="target"/> on a connection of its own, closed after the answer.</summary>
    public static async Task<Answer> GetAsync(int port, string target)
    {
        await using var connection = await ConnectAsync(port);
        await connection.SendAsync($"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        return await connection.ReadAsync();
    }

    public Task SendAsync(string text) => SendAsync(Encoding.Latin1.GetBytes(text));

    public async Task SendAsync(byte[] bytes) => await stream.WriteAsync(bytes);

    /// <summary>Reads one response: the head, then a Content-Length or chunked body, or everything until the server closes.</summary>
    public async Task<Answer> ReadAsync()
    {
        using var timeout = new CancellationTokenSource(ReadTimeout);
        int end;
        while ((end = IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (!await FillAsync(timeout.Token))
            {
                throw new IOException("the connection closed before a response head");
            }
        }
        var head = Encoding.Latin1.GetString([.. buffered.Take(end)]);
        buffered.RemoveRange(0, end + 4);
        var answer = new Answer(int.Parse(head.Split(' ')[1], CultureInfo.InvariantCulture), head, "");
        string body;
        if (answer.Header("Content-Length") is { } length)
        {
            body = await ReadBytesAsync(int.Parse(length, CultureInfo.InvariantCulture), timeout.Token);
        }
        else if (answer.Header("Transfer-Encoding") is "chunked")
        {
            body = await ReadChunkedAsync(timeout.Token);
        }
        else
        {
            while (await FillAsync(timeout.Token))
            {
            }
            body = await ReadBytesAsync(buffered.Count, timeout.Token);
        }
        return answer with { Body = body };
    }

    /// <summary>Whether the server closed the connection within <paramref name="within"/>, with nothing more sent.</summary>
    public async Task<bool> ClosedByServerAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try
        {
            return !await FillAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync();
        client.Dispose();
    }

    private async Task<string> ReadChunkedAsync(CancellationToken cancellationToken)
    {
        var body = new StringBuilder();
        while (true)
        {
            int lineEnd;
            while ((lineEnd = IndexOf("\r\n"u8)) < 0)
            {
                await FillAsync(cancellationToken);
            }
            var size = int.Parse(Encoding.Latin1.GetString([.. buffered.Take(lineEnd)]), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            buffered.RemoveRange(0, lineEnd + 2);
            body.Append(await ReadBytesAsync(size + 2, cancellationToken), 0, size);
            if (size == 0)
            {
                return body.ToString();
            }
        }
    }

    private async Task<string> ReadBytesAsync(int count, CancellationToken cancellationToken)
    {
        while (buffered.Count < count)
        {
            if (!await FillAsync(cancellationToken))
            {
                throw new IOException($"the connection closed after {buffered.Count} of {count} body bytes");
            }
        }
        var text = Encoding.Latin1.GetString([.. buffered.Take(count)]);
        buffered.RemoveRange(0, count);
        return text;
    }

    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        var chunk = new byte[16384];
        var read = await stream.ReadAsync(chunk, cancellationToken);
        buffered.AddRange(chunk.AsSpan(0, read));
        return read > 0;
    }

    private int IndexOf(ReadOnlySpan<byte> pattern) =>
        System.Runtime.InteropServices.CollectionsMarshal.AsSpan(buffered).IndexOf(pattern);
}
