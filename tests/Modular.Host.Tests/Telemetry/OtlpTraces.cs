using Google.Protobuf;

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
    public static List<OtlpSpan> Decode(byte[] request)
    {
        var spans = new List<OtlpSpan>();
        // ExportTraceServiceRequest: 1 resource_spans.
        foreach (var resourceSpans in Fields(request).Where(f => f.Number == 1).Select(f => f.Bytes))
        {
            var resource = new Dictionary<string, object?>();
            foreach (var (number, bytes, _) in Fields(resourceSpans))
            {
                // ResourceSpans: 1 resource (Resource: 1 attributes), 2 scope_spans.
                if (number == 1)
                {
                    AddAttributes(resource, bytes, 1);
                }
                else if (number == 2)
                {
                    spans.AddRange(ScopeSpans(resource, bytes));
                }
            }
        }
        return spans;
    }

    private static List<OtlpSpan> ScopeSpans(IReadOnlyDictionary<string, object?> resource, byte[] scopeSpans)
    {
        var fields = Fields(scopeSpans);
        // ScopeSpans: 1 scope (InstrumentationScope: 1 name), 2 spans.
        var scope = fields.Where(f => f.Number == 1).Select(f => Text(Fields(f.Bytes), 1)).FirstOrDefault() ?? "";
        return fields.Where(f => f.Number == 2).Select(f => Span(resource, scope, f.Bytes)).ToList();
    }

    private static OtlpSpan Span(IReadOnlyDictionary<string, object?> resource, string scope, byte[] span)
    {
        var fields = Fields(span);
        var attributes = new Dictionary<string, object?>();
        var events = new List<(string, IReadOnlyDictionary<string, object?>)>();
        foreach (var (number, bytes, _) in fields)
        {
            // Span: 9 attributes, 11 events (Event: 2 name, 3 attributes).
            if (number == 9)
            {
                AddAttribute(attributes, bytes);
            }
            else if (number == 11)
            {
                var eventAttributes = new Dictionary<string, object?>();
                AddAttributes(eventAttributes, bytes, 3);
                events.Add((Text(Fields(bytes), 2) ?? "", eventAttributes));
            }
        }
        // Span: 1 trace_id, 2 span_id, 4 parent_span_id, 5 name, 6 kind.
        return new OtlpSpan(resource, scope, Text(fields, 5) ?? "", (int)(fields.FirstOrDefault(f => f.Number == 6).Varint),
            Hex(fields, 1), Hex(fields, 2), Hex(fields, 4), attributes, events);
    }

    private static void AddAttributes(Dictionary<string, object?> into, byte[] message, int field)
    {
        foreach (var keyValue in Fields(message).Where(f => f.Number == field))
        {
            AddAttribute(into, keyValue.Bytes);
        }
    }

    /// <summary>KeyValue: 1 key, 2 value (AnyValue).</summary>
    private static void AddAttribute(Dictionary<string, object?> into, byte[] keyValue)
    {
        var fields = Fields(keyValue);
        into[Text(fields, 1) ?? ""] = fields.Where(f => f.Number == 2).Select(f => AnyValue(f.Bytes)).FirstOrDefault();
    }

    /// <summary>AnyValue: 1 string, 2 bool, 3 int64, 4 double, 5 array (ArrayValue: 1 values).</summary>
    private static object? AnyValue(byte[] value)
    {
        var (number, bytes, varint) = Fields(value).FirstOrDefault();
        return number switch
        {
            1 => System.Text.Encoding.UTF8.GetString(bytes),
            2 => varint != 0,
            3 => (long)varint,
            4 => BitConverter.Int64BitsToDouble((long)varint),
            5 => Fields(bytes).Where(f => f.Number == 1).Select(f => AnyValue(f.Bytes)).ToArray(),
            _ => null,
        };
    }

    private static string? Text(List<(int Number, byte[] Bytes, ulong Varint)> fields, int number) =>
        fields.Where(f => f.Number == number).Select(f => System.Text.Encoding.UTF8.GetString(f.Bytes)).FirstOrDefault();

    private static string Hex(List<(int Number, byte[] Bytes, ulong Varint)> fields, int number) =>
        Convert.ToHexStringLower(fields.FirstOrDefault(f => f.Number == number).Bytes ?? []);

    /// <summary>The fields of one message: length-delimited ones as bytes, varint and fixed ones as a number.</summary>
    private static List<(int Number, byte[] Bytes, ulong Varint)> Fields(byte[] message)
    {
        var fields = new List<(int, byte[], ulong)>();
        var input = new CodedInputStream(message);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            switch (WireFormat.GetTagWireType(tag))
            {
                case WireFormat.WireType.LengthDelimited: fields.Add((number, input.ReadBytes().ToByteArray(), 0)); break;
                case WireFormat.WireType.Varint: fields.Add((number, [], input.ReadUInt64())); break;
                case WireFormat.WireType.Fixed64: fields.Add((number, [], input.ReadFixed64())); break;
                case WireFormat.WireType.Fixed32: fields.Add((number, [], input.ReadFixed32())); break;
                default: input.SkipLastField(); break;
            }
        }
        return fields;
    }
}
