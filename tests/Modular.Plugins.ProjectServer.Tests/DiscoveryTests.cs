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
        var tiny = await AskAsync(server, RequestLine, answerExpected: false);

        Assert.NotNull(cut);
        Assert.True(cut.Length <= room, $"{cut.Length} bytes answered to {room}");
        Assert.True((bool)JsonNode.Parse(cut)!["truncated"]!);
        Assert.Null(tiny);
        Assert.Equal(1, await CountAsync(server, "too_small", 1));
    }

    [Fact]
    public async Task Malformed_and_oversized_datagrams_are_dropped_and_counted_and_the_server_goes_on()
    {
        ProjectSite.WriteProject(Folder);
        await using var server = await ProjectSite.StartAsync(Folder);

        var garbage = await AskAsync(server, Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\n\r\n" + new string(' ', 500)), answerExpected: false);
        var empty = await AskAsync(server, [], answerExpected: false);
        var oversized = await AskAsync(server, Request(4000), answerExpected: false);
        var fine = await AskAsync(server, Request(1400));

        Assert.Null(garbage);
        Assert.Null(empty);
        Assert.Null(oversized);
        Assert.NotNull(fine);
        Assert.Equal(2, await CountAsync(server, "malformed", 2));
        Assert.Equal(1, await CountAsync(server, "oversized", 1));
        Assert.Equal(1, await CountAsync(server, "answered", 1));
    }

    [Theory]
    [InlineData("\"publishAtStartup\": false", "unpublished")]
    [InlineData("\"clientAllowDeny\": [ { \"access\": \"deny\", \"pattern\": \"127.*\" } ]", "denied")]
    public async Task An_unpublished_server_or_a_denied_client_gets_no_answer(string setting, string outcome)
    {
        ProjectSite.WriteProject(Folder);
        await using var server = await ProjectSite.StartAsync(Folder, "\"projects\": [\"MyApp\"], " + setting);

        Assert.Null(await AskAsync(server, Request(1400), answerExpected: false));
        Assert.Equal(1, await CountAsync(server, outcome, 1));
    }

    private static byte[] Request(int size)
    {
        var request = new byte[size];
        request.AsSpan().Fill((byte)' ');
        RequestLine.CopyTo(request, 0);
        return request;
    }

    /// <summary>Sends <paramref name="datagram"/> to the server's publishing port; its answer, or null after a silence (long when an
    /// answer is expected, so a busy machine does not fail the test; short otherwise, the count then tells what happened).</summary>
    private static async Task<byte[]?> AskAsync(TestServer server, byte[] datagram, bool answerExpected = true)
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await udp.SendAsync(datagram, new IPEndPoint(IPAddress.Loopback, server.OtherPorts[0]));
        using var silence = new CancellationTokenSource(TimeSpan.FromMilliseconds(answerExpected ? 5000 : 500));
        try
        {
            return (await udp.ReceiveAsync(silence.Token)).Buffer;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>The count of <paramref name="outcome"/> once it reached <paramref name="expected"/>, or as it is after 5 s.</summary>
    private static async Task<long> CountAsync(TestServer server, string outcome, long expected)
    {
        using var admin = ProjectSite.Admin(server);
        long count = 0;
        for (var attempt = 0; attempt < 50 && count < expected; attempt++)
        {
            var counts = (await admin.GetFromJsonAsync<JsonObject>("/plugins/projectserver/discovery"))!["datagrams"]!.AsObject();
            count = counts.TryGetPropertyValue(outcome, out var value) ? (long)value! : 0;
            if (count < expected)
            {
                await Task.Delay(100);
            }
        }
        return count;
    }
}
