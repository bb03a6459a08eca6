using Google.Protobuf;

namespace Modular.Host.Tests.Telemetry;

/// <summary>Reads OTLP's protobuf messages without generated code, field by field (opentelemetry/proto/common/v1/common.proto
/// for attributes), for the trace and metric decoders.</summary>
internal static class OtlpMessage
{
    /// <summary>Each item of an Export*ServiceRequest made by <paramref name="item"/> from its resource's attributes, its scope's name
    /// and its bytes. Traces and metrics nest alike: 1 resource_spans or resource_metrics (1 resource, whose 1 attributes; 2
    /// scope_spans or scope_metrics), each scope's message holding 1 scope and 2 spans or metrics.</summary>
    public static List<T> Items<T>(byte[] request, Func<IReadOnlyDictionary<string, object?>, string, byte[], T> item)
    {
        var items = new List<T>();
        foreach (var resourceItems in Messages(Fields(request), 1))
        {
            var fields = Fields(resourceItems);
            var resource = new Dictionary<string, object?>();
            foreach (var bytes in Messages(fields, 1))
            {
                AddAttributes(resource, bytes, 1);
            }
            foreach (var scopeItems in Messages(fields, 2))
            {
                var scopeFields = Fields(scopeItems);
                var scope = Messages(scopeFields, 1).Select(bytes => Text(Fields(bytes), 1)).FirstOrDefault() ?? "";
                items.AddRange(Messages(scopeFields, 2).Select(bytes => item(resource, scope, bytes)));
            }
        }
        return items;
    }

    /// <summary>The fields of one message: length-delimited ones as bytes, varint and fixed ones as a number.</summary>
    public static List<(int Number, byte[] Bytes, ulong Varint)> Fields(byte[] message)
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

    /// <summary>The length-delimited fields numbered <paramref name="number"/>, each as its bytes.</summary>
    public static IEnumerable<byte[]> Messages(List<(int Number, byte[] Bytes, ulong Varint)> fields, int number) =>
        fields.Where(f => f.Number == number).Select(f => f.Bytes);

    public static string? Text(List<(int Number, byte[] Bytes, ulong Varint)> fields, int number) =>
        fields.Where(f => f.Number == number).Select(f => System.Text.Encoding.UTF8.GetString(f.Bytes)).FirstOrDefault();

    public static string Hex(List<(int Number, byte[] Bytes, ulong Varint)> fields, int number) =>
        Convert.ToHexStringLower(fields.FirstOrDefault(f => f.Number == number).Bytes ?? []);

    /// <summary>The KeyValue fields numbered <paramref name="field"/> of <paramref name="message"/>, added to <paramref name="into"/>.</summary>
    public static void AddAttributes(Dictionary<string, object?> into, byte[] message, int field)
    {
        foreach (var keyValue in Messages(Fields(message), field))
        {
            AddAttribute(into, keyValue);
        }
    }

    /// <summary>KeyValue: 1 key, 2 value (AnyValue).</summary>
    public static void AddAttribute(Dictionary<string, object?> into, byte[] keyValue)
    {
        var fields = Fields(keyValue);
        into[Text(fields, 1) ?? ""] = Messages(fields, 2).Select(AnyValue).FirstOrDefault();
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
            5 => Messages(Fields(bytes), 1).Select(AnyValue).ToArray(),
            _ => null,
        };
    }
}
