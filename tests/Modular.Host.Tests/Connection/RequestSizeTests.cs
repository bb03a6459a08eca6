using Modular.Testing;

namespace Modular.Host.Tests.Connection;

public sealed class RequestSizeTests : FolderTests
{
    private Task<TestServer> StartAsync() =>
        TestServer.StartAsync(Folder, null, "--pluginsFolder", Folder.PluginsWith("probe"), "--maxRequestSize", "500000");

    [Fact]
    public async Task A_declared_oversize_body_gets_413_before_it_is_sent_and_the_next_connection_is_served()
    {
        await using var server = await StartAsync();
        await using var connection = await RawHttp.ConnectAsync(server.Port);

        // Only the head is sent: the answer must not wait for the 600,000 bytes it announces.
        await connection.SendAsync("POST /body-length HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 600000\r\n\r\n");
        var answer = await connection.ReadAsync();

        Assert.Equal((413, "close"), (answer.Status, answer.Header("Connection")));
        Assert.Equal(200, (int)(await server.Client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task A_chunked_body_that_passes_the_limit_gets_413()
    {
        await using var server = await StartAsync();
        using var content = new StreamContent(new MemoryStream(new byte[600_000]));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/body-length") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await server.Client.SendAsync(request);

        Assert.Equal(413, (int)response.StatusCode);
    }

    [Fact]
    public async Task A_body_within_the_limit_is_read_whole()
    {
        await using var server = await StartAsync();

        var response = await server.Client.PostAsync("/body-length", new ByteArrayContent(new byte[499_000]));

        Assert.Equal("499000", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MaxRequestSize_below_500000_is_refused()
    {
        var error = Assert.Single(await TestServer.StartFailsAsync(Folder, null, "--maxRequestSize", "1000"));

        Assert.Equal("core: maxRequestSize = '1000' (from command line --maxRequestSize): must be 500000..2147483647 bytes.", error);
    }
}
