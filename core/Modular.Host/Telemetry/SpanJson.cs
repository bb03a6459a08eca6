using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Modular.Host.Telemetry;

/// <summary>One span as one JSON object: the line format of the debug log file and of nothing else.</summary>
internal static class SpanJson
{
    /// <summary>How the lines are written. Relaxed escaping: they are read as JSON, never put into HTML, and a header's '+' or
    /// '&lt;' stays readable (and quicker to write); quotes, backslashes and control characters are still escaped, so every line
    /// stays valid JSON.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    // The line's own property names and enumerations, encoded once: each span line writes them all.
    private static readonly JsonEncodedText Start = Encoded("start"), End = Encoded("end"), DurationMs = Encoded("durationMs"),
        Name = Encoded("name"), Kind = Encoded("kind"), Source = Encoded("source"), TraceId = Encoded("traceId"), SpanId = Encoded("spanId"),
        ParentSpanId = Encoded("parentSpanId"), Status = Encoded("status"), Attributes = Encoded("attributes"), Events = Encoded("events"),
        Time = Encoded("time");
    private static readonly JsonEncodedText[] Kinds = [.. Enum.GetNames<ActivityKind>().Select(Encoded)];
    private static readonly JsonEncodedText[] Statuses = [.. Enum.GetNames<ActivityStatusCode>().Select(Encoded)];

    public static void Write(Utf8JsonWriter writer, Activity activity)
    {
        writer.WriteStartObject();
        writer.WriteString(Start, activity.StartTimeUtc);
        writer.WriteString(End, activity.StartTimeUtc + activity.Duration);
        writer.WriteNumber(DurationMs, activity.Duration.TotalMilliseconds);
        writer.WriteString(Name, activity.DisplayName);
        writer.WriteString(Kind, Text(Kinds, (int)activity.Kind, activity.Kind));
        writer.WriteString(Source, activity.Source.Name);
        writer.WriteString(TraceId, activity.TraceId.ToHexString());
        writer.WriteString(SpanId, activity.SpanId.ToHexString());
        if (activity.ParentSpanId != default)
        {
            writer.WriteString(ParentSpanId, activity.ParentSpanId.ToHexString());
        }
        writer.WriteString(Status, Text(Statuses, (int)activity.Status, activity.Status));
        WriteAttributes(writer, activity.EnumerateTagObjects());
        writer.WriteStartArray(Events);
        foreach (ref readonly var item in activity.EnumerateEvents())
        {
            writer.WriteStartObject();
            writer.WriteString(Name, item.Name);
            writer.WriteString(Time, item.Timestamp.UtcDateTime);
            WriteAttributes(writer, item.EnumerateTagObjects());
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary><paramref name="text"/> encoded once as the lines escape it, to be written as it is at each span.</summary>
    public static JsonEncodedText Encoded(string text) => JsonEncodedText.Encode(text, WriterOptions.Encoder);

    /// <summary>An enumeration's name from the table made of its names (values 0, 1, 2...), or made afresh for a value past it.</summary>
    private static JsonEncodedText Text<T>(JsonEncodedText[] names, int value, T item) where T : struct, Enum =>
        (uint)value < (uint)names.Length ? names[value] : Encoded(item.ToString());

    /// <summary>A span's or an event's tags as the "attributes" object; the debug log's record as the attributes it stands for.</summary>
    /// <remarks>Walked with the Enumerate* form, which allocates no enumerator: this runs once per request.</remarks>
    private static void WriteAttributes(Utf8JsonWriter writer, Activity.Enumerator<KeyValuePair<string, object?>> tags)
    {
        writer.WriteStartObject(Attributes);
        foreach (ref readonly var tag in tags)
        {
            if (tag.Value is DebugLogRecord record)
            {
                record.WriteTo(writer);
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
