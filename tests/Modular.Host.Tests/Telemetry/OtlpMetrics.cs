using static Modular.Host.Tests.Telemetry.OtlpMessage;

namespace Modular.Host.Tests.Telemetry;

/// <summary>One data point of a metric as OTLP carried it: a sum's or gauge's value (NaN when the point has none), or a histogram's
/// count and sum.</summary>
internal sealed record OtlpPoint(IReadOnlyDictionary<string, object?> Attributes, double Value, ulong Count = 0, double Sum = double.NaN);

/// <summary>A metric as OTLP carried it, decoded field by field from opentelemetry/proto/metrics/v1/metrics.proto.</summary>
internal sealed record OtlpMetric(IReadOnlyDictionary<string, object?> Resource, string Scope, string Name, string Kind, IReadOnlyList<OtlpPoint> Points);

/// <summary>Decodes ExportMetricsServiceRequest messages without generated code: each message is read by its field numbers.</summary>
internal static class OtlpMetrics
{
    public static List<OtlpMetric> Decode(byte[] request) => Items(request, Metric);

    /// <summary>Metric: 1 name, then its data as 5 gauge, 7 sum or 9 histogram, each holding 1 data_points.</summary>
    private static OtlpMetric Metric(IReadOnlyDictionary<string, object?> resource, string scope, byte[] metric)
    {
        var fields = Fields(metric);
        var (kind, data) = fields.Where(f => f.Number is 5 or 7 or 9).Select(f => (f.Number, f.Bytes)).FirstOrDefault();
        var points = data is null ? [] : Messages(Fields(data), 1).Select(point => kind == 9 ? HistogramPoint(point) : NumberPoint(point)).ToList();
        return new OtlpMetric(resource, scope, Text(fields, 1) ?? "", kind switch { 5 => "gauge", 7 => "sum", 9 => "histogram", _ => "other" }, points);
    }

    /// <summary>NumberDataPoint: 7 attributes, 4 as_double or 6 as_int (both fixed 64 bits).</summary>
    private static OtlpPoint NumberPoint(byte[] point)
    {
        var fields = Fields(point);
        var attributes = new Dictionary<string, object?>();
        AddAttributes(attributes, point, 7);
        var value = fields.Where(f => f.Number is 4 or 6)
            .Select(f => f.Number == 4 ? BitConverter.Int64BitsToDouble((long)f.Varint) : (long)f.Varint).DefaultIfEmpty(double.NaN).First();
        return new OtlpPoint(attributes, value);
    }

    /// <summary>HistogramDataPoint: 9 attributes, 4 count (fixed64), 5 sum (double).</summary>
    private static OtlpPoint HistogramPoint(byte[] point)
    {
        var fields = Fields(point);
        var attributes = new Dictionary<string, object?>();
        AddAttributes(attributes, point, 9);
        var sum = fields.Where(f => f.Number == 5).Select(f => BitConverter.Int64BitsToDouble((long)f.Varint)).DefaultIfEmpty(double.NaN).First();
        return new OtlpPoint(attributes, double.NaN, fields.FirstOrDefault(f => f.Number == 4).Varint, sum);
    }
}
