using System.Net.Sockets;
using System.Text;

namespace Modular.Host.Tests.Infrastructure;

/// <summary>Sends a request exactly as written, bypassing HttpClient's normalisation of paths, and reads the whole answer.</summary>
internal static class RawHttp
{
    public sealed record Answer(int Status, string Head, string Body);

    public static async Task<Answer> GetAsync(int port, string target)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        var request = Encoding.Latin1.GetBytes($"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(request);
        using var reader = new StreamReader(stream, Encoding.Latin1);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var text = await reader.ReadToEndAsync(timeout.Token);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var status = int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        return new Answer(status, head, split < 0 ? "" : text[(split + 4)..]);
    }
}
