using static Modular.Host.Tests.Telemetry.OtlpMessage;

namespace Modular.Host.Tests.Telemetry;

/// <summary>A span as OTLP carried it, decoded field by field from opentelemetry/proto/trace/v1/trace.proto.</summary>
internal sealed record OtlpSpan(
    IReadOnlyDictionary<string, object?> Resource,
    string Scope,
    string Name,
    int Kind,
    string TraceId,
    string SpanId,
    string ParentSpanId,
    IReadOnlyDictionary<string, object?> Attributes,
    IReadOnlyList<(string Name, IReadOnlyDictionary<string, object?> Attributes)> Events);

/// <summary>Decodes ExportTraceServiceRequest messages without generated code: each message is read by its field numbers.</summary>
internal static class OtlpTraces
{
    public static List<OtlpSpan> Decode(byte[] request) => Items(request, Span);

    private static OtlpSpan Span(IReadOnlyDictionary<string, object?> resource, string scope, byte[] span)
    {
        var fields = Fields(span);
        var attributes = new Dictionary<string, object?>();
        var events = new List<(string, IReadOnlyDictionary<string, object?>)>();
        // Span: 9 attributes, 11 events (Event: 2 name, 3 attributes).
        foreach (var bytes in Messages(fields, 9))
        {
            AddAttribute(attributes, bytes);
        }
        foreach (var bytes in Messages(fields, 11))
        {
            var eventAttributes = new Dictionary<string, object?>();
            AddAttributes(eventAttributes, bytes, 3);
            events.Add((Text(Fields(bytes), 2) ?? "", eventAttributes));
        }
        // Span: 1 trace_id, 2 span_id, 4 parent_span_id, 5 name, 6 kind.
        return new OtlpSpan(resource, scope, Text(fields, 5) ?? "", (int)fields.FirstOrDefault(f => f.Number == 6).Varint,
            Hex(fields, 1), Hex(fields, 2), Hex(fields, 4), attributes, events);
    }
}
