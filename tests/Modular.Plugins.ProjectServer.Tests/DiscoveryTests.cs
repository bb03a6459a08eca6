using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Modular.Testing;

namespace Modular.Plugins.ProjectServer.Tests;

/// <summary>Discovery on publishingPort (UDP): requests answered with the published projects, never with more bytes than they
/// carry; anything else dropped and counted.</summary>
public sealed class DiscoveryTests : FolderTests
{
    private static readonly byte[] RequestLine = "MODULAR-DISCOVER 1\n"u8.ToArray();

    [Fact]
    public async Task A_padded_request_is_answered_with_the_projects_and_the_service_port()
    {
        ProjectSite.WriteProject(Folder, "One");
        ProjectSite.WriteProject(Folder, "Two");
        await using var server = await ProjectSite.StartAsync(Folder, "\"projects\": [\"One\", \"Two\"]");

        var answer = await AskAsync(server, Request(1400));

        var json = JsonNode.Parse(answer!)!;
        Assert.True(answer!.Length <= 1400);
        Assert.Equal(server.OtherPorts[0], (int)json["port"]!);
        Assert.Equal(["One", "Two"], json["projects"]!.AsArray().Select(project => (string)project!["name"]!));
        Assert.False((bool)json["truncated"]!);
        Assert.Equal(16, ((string)json["projects"]![0]!["version"]!).Length);
    }

    [Fact]
    public async Task An_answer_never_carries_more_bytes_than_its_request_and_says_when_it_is_cut()
    {
        ProjectSite.WriteProject(Folder, "One");
        ProjectSite.WriteProject(Folder, "Two");
        await using var server = await ProjectSite.StartAsync(Folder, "\"projects\": [\"One\", \"Two\"]");

        var room = RequestLine.Length + 80;
        var cut = await AskAsync(server, Request(room));
        var tiny = await AskAsync(server, RequestLine);

        Assert.NotNull(cut);
        Assert.True(cut.Length <= room, $"{cut.Length} bytes answered to {room}");
        Assert.True((bool)JsonNode.Parse(cut)!["truncated"]!);
        Assert.Null(tiny);
        Assert.Equal(1, await CountAsync(server, "too_small"));
    }

    [Fact]
    public async Task Malformed_and_oversized_datagrams_are_dropped_and_counted_and_the_server_goes_on()
    {
        ProjectSite.WriteProject(Folder);
        await using var server = await ProjectSite.StartAsync(Folder);

        var garbage = await AskAsync(server, Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\n\r\n" + new string(' ', 500)));
        var empty = await AskAsync(server, []);
        var oversized = await AskAsync(server, Request(4000));
        var fine = await AskAsync(server, Request(1400));

        Assert.Null(garbage);
        Assert.Null(empty);
        Assert.Null(oversized);
        Assert.NotNull(fine);
        Assert.Equal(2, await CountAsync(server, "malformed"));
        Assert.Equal(1, await CountAsync(server, "oversized"));
        Assert.Equal(1, await CountAsync(server, "answered"));
    }

    [Theory]
    [InlineData("\"publishAtStartup\": false", "unpublished")]
    [InlineData("\"clientAllowDeny\": [ { \"access\": \"deny\", \"pattern\": \"127.*\" } ]", "denied")]
    public async Task An_unpublished_server_or_a_denied_client_gets_no_answer(string setting, string outcome)
    {
        ProjectSite.WriteProject(Folder);
        await using var server = await ProjectSite.StartAsync(Folder, "\"projects\": [\"MyApp\"], " + setting);

        Assert.Null(await AskAsync(server, Request(1400)));
        Assert.Equal(1, await CountAsync(server, outcome));
    }

    private static byte[] Request(int size)
    {
        var request = new byte[size];
        request.AsSpan().Fill((byte)' ');
        RequestLine.CopyTo(request, 0);
        return request;
    }

    /// <summary>Sends <paramref name="datagram"/> to the server's publishing port; its answer, or null after half a second of silence.</summary>
    private static async Task<byte[]?> AskAsync(TestServer server, byte[] datagram)
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await udp.SendAsync(datagram, new IPEndPoint(IPAddress.Loopback, server.OtherPorts[0]));
        using var silence = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        try
        {
            return (await udp.ReceiveAsync(silence.Token)).Buffer;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    private static async Task<long> CountAsync(TestServer server, string outcome)
    {
        using var admin = ProjectSite.Admin(server);
        var counts = (await admin.GetFromJsonAsync<JsonObject>("/plugins/projectserver/discovery"))!["datagrams"]!.AsObject();
        return counts.TryGetPropertyValue(outcome, out var count) ? (long)count! : 0;
    }
}
