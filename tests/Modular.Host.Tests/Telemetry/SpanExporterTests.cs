using Modular.Testing;

namespace Modular.Host.Tests.Telemetry;

/// <summary>telemetryExporters: otlp reaches a receiver the test runs (OTLP/HTTP, protobuf) configured by the standard variables; console prints.</summary>
public sealed class SpanExporterTests : FolderTests
{
    [Fact]
    public async Task Request_spans_reach_an_OTLP_receiver_and_the_file_with_the_debug_log_attributes()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        Folder.Write("WebFolder/page.html", "<p>traced</p>");
        // Spans exported within 0.2 s instead of the SDK's 5 s.
        var environment = receiver.Variables("shop-frontend", ("OTEL_BSP_SCHEDULE_DELAY", "200"));
        using var server = await ServerProcess.StartAsync(Folder, environment, "--telemetryExporters", "file,otlp", "--debugLog", "3");

        (await server.Client.GetAsync("/page.html?from=otlp")).Dispose();

        OtlpSpan? span = null;
        for (var i = 0; i < 200 && span is null; i++)
        {
            await Task.Delay(50);
            span = receiver.Spans.FirstOrDefault(s => s.Scope == "Microsoft.AspNetCore");
        }
        Assert.NotNull(span);
        Assert.Equal("shop-frontend", span.Resource["service.name"]);
        Assert.Equal("GET", span.Name);
        Assert.Equal(2, span.Kind); // SPAN_KIND_SERVER
        Assert.Equal(32, span.TraceId.Length);
        Assert.Equal("GET", span.Attributes["http.request.method"]);
        Assert.Equal(200L, span.Attributes["http.response.status_code"]);
        Assert.Equal((long)server.Port, span.Attributes["server.port"]);
        Assert.Equal("GET /page.html?from=otlp HTTP/1.1", span.Attributes["modular.http.request_line"]);
        Assert.Equal(new object?[] { "text/html; charset=UTF-8" }, (object?[])span.Attributes["http.response.header.content-type"]!);
        Assert.Equal(13L, span.Attributes["http.response.body.size"]);
        var body = Assert.Single(span.Events, e => e.Name == "http.response.body");
        Assert.Equal("<p>traced</p>", body.Attributes["body"]);
        Assert.Equal(false, body.Attributes["body.truncated"]);
        Assert.Equal(new object?[] { $"127.0.0.1:{server.Port}" }, (object?[])span.Attributes["http.request.header.host"]!);
        Assert.DoesNotContain(span.Attributes.Keys, name => name.StartsWith("modular.debug_log", StringComparison.Ordinal));

        // The file, beside OTLP, has the same header attributes.
        var logged = DebugLogFile.Request(await DebugLogFile.SpansAsync(Folder, 1), "/page.html?from=otlp");
        Assert.Equal($"127.0.0.1:{server.Port}", DebugLogFile.Attribute(logged, "http.request.header.host")[0].GetString());
        Assert.Equal("text/html; charset=UTF-8", DebugLogFile.Attribute(logged, "http.response.header.content-type")[0].GetString());
        Assert.DoesNotContain(DebugLogFile.Attributes(logged), name => name.StartsWith("modular.debug_log", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_console_exporter_prints_each_span_without_the_debug_log()
    {
        Folder.Write("WebFolder/page.html", "<p>printed</p>");
        using var server = await ServerProcess.StartAsync(Folder, null, "--telemetryExporters", "console");

        (await server.Client.GetAsync("/page.html?printed")).Dispose();

        await server.Process.WaitForLineAsync("url.query: ?printed", seconds: 10);
        Assert.DoesNotContain("modular.http.request_line", server.Process.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Folder.Combine("Logs")));
    }

    [Fact]
    public async Task An_unknown_exporter_is_refused_naming_the_known_ones()
    {
        var errors = await TestServer.StartFailsAsync(Folder, null, "--telemetryExporters", "file,zipkin");

        Assert.Contains(errors, error => error.Contains("telemetryExporters", StringComparison.Ordinal) && error.Contains("'zipkin'", StringComparison.Ordinal) && error.Contains("file, otlp, console", StringComparison.Ordinal));
    }
}
