using Modular.Testing;

namespace Modular.Host.Tests.Connection;

public sealed class TraceTests : FolderTests
{
    private const string Trace = "TRACE /some/path?q=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Probe: yes\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello";

    [Fact]
    public async Task TRACE_is_refused_with_405_and_allow_by_default()
    {
        await using var server = await TestServer.StartAsync(Folder);
        await using var connection = await RawHttp.ConnectAsync(server.Port);

        await connection.SendAsync(Trace);
        var answer = await connection.ReadAsync();

        Assert.Equal((405, "GET, HEAD, POST, PUT, DELETE, OPTIONS, PATCH"), (answer.Status, answer.Header("Allow")));
        Assert.DoesNotContain("X-Probe", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TRACE_enabled_echoes_request_line_headers_and_body_as_message_http()
    {
        await using var server = await TestServer.StartAsync(Folder, null, "--HTTPTrace", "1");
        await using var connection = await RawHttp.ConnectAsync(server.Port);

        await connection.SendAsync(Trace);
        var answer = await connection.ReadAsync();

        Assert.Equal((200, "message/http"), (answer.Status, answer.Header("Content-Type")));
        Assert.StartsWith("TRACE /some/path?q=1 HTTP/1.1\r\n", answer.Body, StringComparison.Ordinal);
        Assert.Contains("\r\nX-Probe: yes\r\n", answer.Body, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\nhello", answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_TRACE_echo_leaves_out_credentials()
    {
        await using var server = await TestServer.StartAsync(Folder, null, "--HTTPTrace", "1");
        await using var connection = await RawHttp.ConnectAsync(server.Port);

        await connection.SendAsync("TRACE / HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer secret-token\r\nCookie: 4DSID=secret-cookie\r\nX-Probe: yes\r\nConnection: close\r\n\r\n");
        var answer = await connection.ReadAsync();

        Assert.Equal(200, answer.Status);
        Assert.Contains("X-Probe: yes", answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token", answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-cookie", answer.Body, StringComparison.Ordinal);
    }
}
