using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Modular.Host.Telemetry;

/// <summary>One span as one JSON object: the line format of the debug log file and of nothing else.</summary>
internal static class SpanJson
{
    public static void Write(Utf8JsonWriter writer, Activity activity)
    {
        writer.WriteStartObject();
        writer.WriteString("start", activity.StartTimeUtc);
        writer.WriteString("end", activity.StartTimeUtc + activity.Duration);
        writer.WriteNumber("durationMs", activity.Duration.TotalMilliseconds);
        writer.WriteString("name", activity.DisplayName);
        writer.WriteString("kind", activity.Kind.ToString());
        writer.WriteString("source", activity.Source.Name);
        writer.WriteString("traceId", activity.TraceId.ToHexString());
        writer.WriteString("spanId", activity.SpanId.ToHexString());
        if (activity.ParentSpanId != default)
        {
            writer.WriteString("parentSpanId", activity.ParentSpanId.ToHexString());
        }
        writer.WriteString("status", activity.Status.ToString());
        WriteAttributes(writer, activity.EnumerateTagObjects());
        writer.WriteStartArray("events");
        foreach (ref readonly var item in activity.EnumerateEvents())
        {
            writer.WriteStartObject();
            writer.WriteString("name", item.Name);
            writer.WriteString("time", item.Timestamp.UtcDateTime);
            WriteAttributes(writer, item.EnumerateTagObjects());
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>A span's or an event's tags as the "attributes" object; a header record's headers as attributes of it.</summary>
    /// <remarks>Walked with the Enumerate* form, which allocates no enumerator: this runs once per request.</remarks>
    private static void WriteAttributes(Utf8JsonWriter writer, Activity.Enumerator<KeyValuePair<string, object?>> tags)
    {
        writer.WriteStartObject("attributes");
        foreach (ref readonly var tag in tags)
        {
            if (tag.Value is HeaderRecord headers)
            {
                headers.WriteTo(writer);
                continue;
            }
            writer.WritePropertyName(tag.Key);
            WriteValue(writer, tag.Value);
        }
        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string text: writer.WriteStringValue(text); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case int number: writer.WriteNumberValue(number); break;
            case long number: writer.WriteNumberValue(number); break;
            case short or byte: writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case double or float: writer.WriteNumberValue(Convert.ToDouble(value, CultureInfo.InvariantCulture)); break;
            // Header attributes are string arrays: walked as one, not through an IEnumerable's enumerator.
            case string[] texts:
                writer.WriteStartArray();
                foreach (var text in texts)
                {
                    writer.WriteStringValue(text);
                }
                writer.WriteEndArray();
                break;
            case System.Collections.IEnumerable items:
                writer.WriteStartArray();
                foreach (var item in items)
                {
                    WriteValue(writer, item);
                }
                writer.WriteEndArray();
                break;
            default: writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }
}
