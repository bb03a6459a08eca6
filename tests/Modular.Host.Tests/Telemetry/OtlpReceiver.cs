using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Modular.Testing;

namespace Modular.Host.Tests.Telemetry;

/// <summary>An OTLP/HTTP receiver on loopback: keeps each protobuf request's body by signal (/v1/traces, /v1/metrics) and answers
/// as a collector does; <see cref="Variables"/> points a server's OTLP exporter at it.</summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<byte[]> traces = new();
    private readonly ConcurrentQueue<byte[]> metrics = new();
    private Upstream upstream = null!;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var receiver = new OtlpReceiver();
        receiver.upstream = await Upstream.StartAsync(receiver.ReceiveAsync);
        return receiver;
    }

    /// <summary>The standard variables that send a server's spans and metrics here, as protobuf over HTTP, as the service
    /// <paramref name="service"/>, with <paramref name="more"/> of them beside.</summary>
    public Dictionary<string, string> Variables(string service, params (string Name, string Value)[] more)
    {
        var variables = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = upstream.Address.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_SERVICE_NAME"] = service,
        };
        foreach (var (name, value) in more)
        {
            variables[name] = value;
        }
        return variables;
    }

    public IEnumerable<OtlpSpan> Spans => traces.SelectMany(OtlpTraces.Decode);

    /// <summary>Each export's metrics apart, oldest first: a cumulative counter's latest value is in the last export holding it.</summary>
    public IEnumerable<List<OtlpMetric>> MetricExports => metrics.Select(OtlpMetrics.Decode);

    private async Task ReceiveAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        if (context.Request.ContentType == "application/x-protobuf")
        {
            (context.Request.Path.Value switch { "/v1/traces" => traces, "/v1/metrics" => metrics, _ => null })?.Enqueue(body.ToArray());
        }
        context.Response.ContentType = "application/x-protobuf";
    }

    public ValueTask DisposeAsync() => upstream.DisposeAsync();
}
