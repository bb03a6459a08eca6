using Microsoft.AspNetCore.Http;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Modular.Testing;

namespace Modular.Host.Tests.Telemetry;

/// <summary>debugLog as 4D's HTTP debug log, read back from the file exporter: what each value records, and what it never changes.</summary>
public sealed class DebugLogTests : DebugLogServerTests
{
    private static async Task<HttpResponseMessage> PostAsync(ServerProcess server, string path, string body)
    {
        using var content = new StringContent(body);
        return await server.Client.PostAsync(path, content);
    }

    [Fact]
    public async Task Level_1_records_lines_headers_peer_and_sizes_without_bodies()
    {
        using var server = await StartAsync("--debugLog", "1");
        (await server.Client.GetAsync("/page.html?x=1")).Dispose();
        (await PostAsync(server, "/body-length", "twelve bytes")).Dispose();

        var spans = await DebugLogFile.SpansAsync(Folder, 2);
        var get = DebugLogFile.Request(spans, "/page.html?x=1");
        var post = DebugLogFile.Request(spans, "/body-length");

        Assert.Equal("GET /page.html?x=1 HTTP/1.1", DebugLogFile.Text(get, "modular.http.request_line"));
        Assert.Equal("HTTP/1.1 200 OK", DebugLogFile.Text(get, "modular.http.status_line"));
        Assert.Equal($"127.0.0.1:{server.Port}", DebugLogFile.Attribute(get, "http.request.header.host")[0].GetString());
        Assert.Equal("text/html", DebugLogFile.Attribute(get, "http.response.header.content-type")[0].GetString()!.Split(';')[0]);
        Assert.Equal(Page.Length, DebugLogFile.Attribute(get, "http.response.body.size").GetInt64());
        Assert.Equal(12, DebugLogFile.Attribute(post, "http.request.body.size").GetInt64());
        Assert.Equal("127.0.0.1", DebugLogFile.Text(get, "network.peer.address"));
        Assert.Equal(200, DebugLogFile.Attribute(get, "http.response.status_code").GetInt32());
        // Two requests of one kept-alive connection: one connection id, numbered 1 and 2.
        Assert.Equal(DebugLogFile.Text(get, "modular.connection.id"), DebugLogFile.Text(post, "modular.connection.id"));
        Assert.Equal([1L, 2L], new[] { get, post }.Select(span => DebugLogFile.Attribute(span, "modular.connection.request_number").GetInt64()));
        Assert.All(DebugLogFile.Requests(spans), span => Assert.Empty(span.GetProperty("events").EnumerateArray()));
        // Each request's own headers, though the connection's header collection was reused for the next request before the write.
        Assert.DoesNotContain("http.request.header.content-length", DebugLogFile.Attributes(get));
        Assert.Equal("12", DebugLogFile.Attribute(post, "http.request.header.content-length")[0].GetString());
        Assert.All(DebugLogFile.Requests(spans), span => Assert.DoesNotContain(DebugLogFile.Attributes(span), name => name.StartsWith("modular.debug_log", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(3, false, true)]
    [InlineData(5, true, false)]
    [InlineData(7, true, true)]
    public async Task Levels_3_5_and_7_add_the_bodies_they_name(int level, bool requestBody, bool responseBody)
    {
        using var server = await StartAsync("--debugLog", level.ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await PostAsync(server, "/body-length", "the request's body")).Dispose();

        var span = DebugLogFile.Request(await DebugLogFile.SpansAsync(Folder, 1), "/body-length");

        Assert.Equal(requestBody, DebugLogFile.Event(span, "http.request.body") is not null);
        Assert.Equal(responseBody, DebugLogFile.Event(span, "http.response.body") is not null);
        if (requestBody)
        {
            var body = DebugLogFile.Event(span, "http.request.body")!.Value.GetProperty("attributes");
            Assert.Equal("the request's body", body.GetProperty("body").GetString());
            Assert.Equal(18, body.GetProperty("body.size").GetInt64());
            Assert.False(body.GetProperty("body.truncated").GetBoolean());
        }
        if (responseBody)
        {
            Assert.Equal("18", DebugLogFile.Event(span, "http.response.body")!.Value.GetProperty("attributes").GetProperty("body").GetString());
        }
    }

    [Fact]
    public async Task A_streamed_body_is_cut_at_the_limit_with_its_full_size_and_reaches_the_client_whole()
    {
        using var server = await StartAsync("--debugLog", "7", "--debugLogBodyLimit", "100");
        var received = await server.Client.GetStringAsync("/stream?lines=500");

        var span = DebugLogFile.Request(await DebugLogFile.SpansAsync(Folder, 1), "/stream?lines=500");
        var body = DebugLogFile.Event(span, "http.response.body")!.Value.GetProperty("attributes");

        Assert.Equal(500, received.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(received[..100], body.GetProperty("body").GetString());
        Assert.Equal(received.Length, body.GetProperty("body.size").GetInt64());
        Assert.True(body.GetProperty("body.truncated").GetBoolean());
        Assert.Equal(received.Length, DebugLogFile.Attribute(span, "http.response.body.size").GetInt64());
    }

    [Fact]
    public async Task A_streamed_response_reaches_the_client_as_it_is_written_and_is_recorded_when_the_client_leaves()
    {
        using var server = await StartAsync("--debugLog", "7");
        // The endpoint holds its response open after the first line for 30 s: a recording that kept the response until its end
        // would let neither the headers nor the line through within these 10 s.
        using (var within = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        using (var response = await server.Client.GetAsync("/hold", HttpCompletionOption.ResponseHeadersRead, within.Token))
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(within.Token));
            Assert.Equal("first line", await reader.ReadLineAsync(within.Token));
        }

        // Disposed unread, the response is drained by the client for up to 2 s (SocketsHttpHandler's ResponseDrainTimeout), then
        // its connection closed: the request ends, and its span has what was sent.
        var span = DebugLogFile.Request(await DebugLogFile.SpansAsync(Folder, 1), "/hold");
        Assert.Equal("first line\n", DebugLogFile.Event(span, "http.response.body")!.Value.GetProperty("attributes").GetProperty("body").GetString());
        Assert.Equal(11, DebugLogFile.Attribute(span, "http.response.body.size").GetInt64());
    }

    [Fact]
    public async Task A_body_written_to_BodyWriter_without_a_flush_is_recorded_and_framed_as_without_the_log()
    {
        var (server, adminClient) = await StartWithAdminAsync();
        using var _ = server;
        using var __ = adminClient;
        using var unrecorded = await server.Client.GetAsync("/pipe");
        await SetDebugLogAsync(adminClient, 7);
        using var recorded = await server.Client.GetAsync("/pipe");
        var received = await recorded.Content.ReadAsStringAsync();

        // The bytes stay in Kestrel's own buffers: the client sees the framing it sees without the log, and the whole body.
        Assert.Equal(unrecorded.Headers.TransferEncodingChunked, recorded.Headers.TransferEncodingChunked);
        Assert.Equal(unrecorded.Content.Headers.ContentLength, recorded.Content.Headers.ContentLength);
        Assert.Equal(new string('p', 5000), received);
        var span = DebugLogFile.Request(await DebugLogFile.SpansAsync(Folder, 1), "/pipe");
        Assert.Equal(5000, DebugLogFile.Attribute(span, "http.response.body.size").GetInt64());
        Assert.Equal(received, DebugLogFile.Event(span, "http.response.body")!.Value.GetProperty("attributes").GetProperty("body").GetString());
    }

    [Fact]
    public async Task An_empty_response_keeps_its_content_length_and_a_client_s_unsampled_trace_is_still_logged()
    {
        using var server = await StartAsync("--debugLog", "1");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/missing.html");
        // A client's trace context saying "not sampled" does not hide the request from the debug log.
        request.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00");
        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, response.Content.Headers.ContentLength);
        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
        var span = DebugLogFile.Request(await DebugLogFile.SpansAsync(Folder, 1), "/missing.html");
        Assert.Equal("0af7651916cd43dd8448eb211c80319c", span.GetProperty("traceId").GetString());
        Assert.Equal(0, DebugLogFile.Attribute(span, "http.response.body.size").GetInt64());
    }

    [Theory]
    [InlineData(true, "[redacted]")]
    [InlineData(false, "Bearer secret-token")]
    public async Task Credentials_and_cookies_are_redacted_unless_debugLogRedact_is_false(bool redact, string expected)
    {
        using var server = await StartAsync("--debugLog", "1", "--debugLogRedact", redact ? "true" : "false");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/set-cookie");
        request.Headers.Authorization = AuthenticationHeaderValue.Parse("Bearer secret-token");
        request.Headers.ProxyAuthorization = AuthenticationHeaderValue.Parse("Basic cHJveHk6c2VjcmV0");
        request.Headers.Add("Cookie", "4DSID_Modular=0123");
        request.Headers.Add("X-Probe", "kept");
        using var response = await server.Client.SendAsync(request);
        Assert.StartsWith("probe=cookie-secret", response.Headers.GetValues("Set-Cookie").Single(), StringComparison.Ordinal);

        var span = DebugLogFile.Request(await DebugLogFile.SpansAsync(Folder, 1), "/set-cookie");

        Assert.Equal(expected, DebugLogFile.Attribute(span, "http.request.header.authorization")[0].GetString());
        Assert.Equal(redact ? "[redacted]" : "Basic cHJveHk6c2VjcmV0", DebugLogFile.Attribute(span, "http.request.header.proxy-authorization")[0].GetString());
        Assert.Equal(redact ? "[redacted]" : "4DSID_Modular=0123", DebugLogFile.Attribute(span, "http.request.header.cookie")[0].GetString());
        Assert.Equal(redact ? "[redacted]" : "probe=cookie-secret; path=/",
            DebugLogFile.Attribute(span, "http.response.header.set-cookie")[0].GetString());
        Assert.Equal("kept", DebugLogFile.Attribute(span, "http.request.header.x-probe")[0].GetString());
    }

    [Fact]
    public async Task A_level_outside_0_1_3_5_7_is_refused_naming_the_allowed_ones()
    {
        var errors = await TestServer.StartFailsAsync(Folder, null, "--debugLog", "2");

        Assert.Contains(errors, error => error.Contains("debugLog = '2'", StringComparison.Ordinal) && error.Contains("0..1 or 3, 5, 7", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Proxied_calls_and_plugin_spans_are_children_of_the_request_span()
    {
        await using var upstream = await Upstream.StartAsync(async context => await context.Response.WriteAsync("upstream"));
        Folder.Write("modular.json", "{" + Upstream.Section("/api/{**rest}", upstream) + "}");
        using var server = await StartAsync("--debugLog", "1");
        (await server.Client.GetAsync("/api/x")).Dispose();
        (await server.Client.GetAsync("/traced")).Dispose();

        var spans = await DebugLogFile.SpansAsync(Folder, 2);
        var proxied = DebugLogFile.Request(spans, "/api/x");
        var traced = DebugLogFile.Request(spans, "/traced");
        var client = spans.Single(span => span.TryGetProperty("parentSpanId", out var parent) && parent.GetString() == proxied.GetProperty("spanId").GetString());
        var work = spans.Single(span => span.GetProperty("name").GetString() == "probe.work");

        Assert.Equal("Client", client.GetProperty("kind").GetString());
        Assert.Equal("System.Net.Http", client.GetProperty("source").GetString());
        Assert.Equal(upstream.Address.Port, DebugLogFile.Attribute(client, "server.port").GetInt32());
        Assert.Equal(proxied.GetProperty("traceId").GetString(), client.GetProperty("traceId").GetString());
        Assert.Equal("Modular.Plugins.probe", work.GetProperty("source").GetString());
        Assert.Equal(traced.GetProperty("spanId").GetString(), work.GetProperty("parentSpanId").GetString());
        Assert.Equal(42, DebugLogFile.Attribute(work, "probe.answer").GetInt32());
    }
}
