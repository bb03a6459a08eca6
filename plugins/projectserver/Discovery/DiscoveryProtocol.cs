using System.Text.Json;

namespace Modular.Plugins.ProjectServer.Discovery;

/// <summary>The discovery datagrams on publishingPort (UDP), shared by the server's responder and the client's search.</summary>
/// <remarks>
/// A request is the line <c>MODULAR-DISCOVER 1</c>, then padding: a server never answers with more bytes than the request
/// carried (a spoofed source address gains nothing, no amplification), so a client pads its request to the room it wants for
/// the answer. An answer is one JSON object: <c>{"modular": 1, "port": 19813, "projects": [{"name", "version", "encrypted"}],
/// "truncated": false}</c>; a list too long for the room is cut and says so (the client then asks the service, over TCP).
/// </remarks>
internal static class DiscoveryProtocol
{
    /// <summary>What a request starts with.</summary>
    public static readonly byte[] RequestLine = "MODULAR-DISCOVER 1\n"u8.ToArray();

    /// <summary>The largest request taken: an Ethernet frame's payload without fragmentation; larger ones are dropped.</summary>
    public const int MaxRequestSize = 1472;

    /// <summary>The size a client pads its requests to: room for about twenty projects in the answer.</summary>
    public const int ClientRequestSize = 1400;

    public static byte[] Request(int size = ClientRequestSize)
    {
        var request = new byte[Math.Max(size, RequestLine.Length)];
        RequestLine.CopyTo(request, 0);
        request.AsSpan(RequestLine.Length).Fill((byte)' ');
        return request;
    }

    public static bool IsRequest(ReadOnlySpan<byte> datagram) => datagram.StartsWith(RequestLine);

    /// <summary>The answer for <paramref name="projects"/>, as many as fit in <paramref name="room"/> bytes; null when not even an empty list fits.</summary>
    public static byte[]? Answer(int port, IReadOnlyList<DiscoveredProject> projects, int room)
    {
        for (var count = projects.Count; count >= 0; count--)
        {
            var answer = Encode(port, projects.Take(count), truncated: count < projects.Count);
            if (answer.Length <= room)
            {
                return answer;
            }
        }
        return null;
    }

    /// <summary>The answer's projects, or null when the datagram is not an answer.</summary>
    public static DiscoveryAnswer? ReadAnswer(ReadOnlySpan<byte> datagram)
    {
        try
        {
            return JsonSerializer.Deserialize<DiscoveryAnswer>(datagram) is { modular: 1 } answer ? answer : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static byte[] Encode(int port, IEnumerable<DiscoveredProject> projects, bool truncated) =>
        JsonSerializer.SerializeToUtf8Bytes(new DiscoveryAnswer { modular = 1, port = port, projects = [.. projects], truncated = truncated });
}

/// <summary>One project in a discovery answer; an encrypted one's name starts with '^', as 4D shows it in its list.</summary>
internal sealed class DiscoveredProject
{
    public string name { get; init; } = "";

    public string version { get; init; } = "";

    public bool encrypted { get; init; }
}

/// <summary>A server's discovery answer.</summary>
internal sealed class DiscoveryAnswer
{
    public int modular { get; init; }

    public int port { get; init; }

    public IReadOnlyList<DiscoveredProject> projects { get; init; } = [];

    public bool truncated { get; init; }
}
