using Modular.Testing;

namespace Modular.Host.Tests.Connection;

public sealed class KeepAliveTests : FolderTests
{
    private const string Request = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";

    [Fact]
    public async Task The_100th_response_on_a_connection_carries_connection_close_and_the_socket_closes()
    {
        await using var server = await TestServer.StartAsync(Folder);
        await using var connection = await RawHttp.ConnectAsync(server.Port);

        for (var n = 1; n < 100; n++)
        {
            await connection.SendAsync(Request);
            var answer = await connection.ReadAsync();
            Assert.True(answer.Status == 200 && answer.Header("Connection") is null, $"response {n}: {answer.Head}");
        }
        await connection.SendAsync(Request);
        var last = await connection.ReadAsync();

        Assert.Equal((200, "close"), (last.Status, last.Header("Connection")));
        Assert.True(await connection.ClosedByServerAsync(TimeSpan.FromSeconds(5)), "the server keeps the connection open after its 100th response");
    }

    [Fact]
    public async Task KeepAliveMaxRequests_sets_the_count()
    {
        await using var server = await TestServer.StartAsync(Folder, null, "--keepAliveMaxRequests", "3");
        await using var connection = await RawHttp.ConnectAsync(server.Port);

        var headers = new List<string?>();
        for (var n = 1; n <= 3; n++)
        {
            await connection.SendAsync(Request);
            headers.Add((await connection.ReadAsync()).Header("Connection"));
        }

        Assert.Equal([null, null, "close"], headers);
        Assert.True(await connection.ClosedByServerAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Keep_alive_off_closes_after_every_response()
    {
        await using var server = await TestServer.StartAsync(Folder, null, "--keepAliveEnabled", "0");
        await using var connection = await RawHttp.ConnectAsync(server.Port);

        await connection.SendAsync(Request);

        Assert.Equal("close", (await connection.ReadAsync()).Header("Connection"));
        Assert.True(await connection.ClosedByServerAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task An_idle_connection_is_closed_after_keepAliveTimeout()
    {
        await using var server = await TestServer.StartAsync(Folder, null, "--keepAliveTimeout", "1");
        await using var connection = await RawHttp.ConnectAsync(server.Port);
        await connection.SendAsync(Request);
        Assert.Equal(200, (await connection.ReadAsync()).Status);

        Assert.False(await connection.ClosedByServerAsync(TimeSpan.FromMilliseconds(500)), "closed before the timeout");
        Assert.True(await connection.ClosedByServerAsync(TimeSpan.FromSeconds(5)), "still open 5 s after a 1 s timeout");
    }

    [Fact]
    public async Task An_HTTP_1_0_client_gets_its_connection_closed_after_the_response()
    {
        await using var server = await TestServer.StartAsync(Folder);
        await using var connection = await RawHttp.ConnectAsync(server.Port);

        await connection.SendAsync("GET / HTTP/1.0\r\n\r\n");

        Assert.Equal(200, (await connection.ReadAsync()).Status);
        Assert.True(await connection.ClosedByServerAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task An_HTTP_1_0_keep_alive_client_is_counted_like_an_HTTP_1_1_one()
    {
        await using var server = await TestServer.StartAsync(Folder, null, "--keepAliveMaxRequests", "2");
        await using var connection = await RawHttp.ConnectAsync(server.Port);
        const string request = "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n";

        await connection.SendAsync(request);
        var first = await connection.ReadAsync();
        await connection.SendAsync(request);
        var second = await connection.ReadAsync();

        Assert.Equal("keep-alive", first.Header("Connection"));
        Assert.Equal("close", second.Header("Connection"));
        Assert.True(await connection.ClosedByServerAsync(TimeSpan.FromSeconds(5)));
    }
}
