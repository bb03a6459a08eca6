using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Modular.Host.Connection;

namespace Modular.Host.Telemetry;

/// <summary>The request's or the response's headers as the debug log records them, part of its <see cref="DebugLogRecord"/>:
/// each header is the attribute <c>http.request.header.&lt;name&gt;</c> (or <c>http.response.header.</c>) with its values.</summary>
/// <remarks>
/// Not a tag per header: a tag per header (its list node, a copy of its values, its attribute name's lookup) was most of what
/// debugLog 1 cost the request (bench/cpu.sh debuglog). The values are kept as the request had them: header strings are never
/// changed once made, so they stay right after Kestrel reuses the header collection for the next request.
/// </remarks>
internal sealed class HeaderRecord
{
    private const string Redacted = "[redacted]";
    private const int KnownNamesLimit = 256;

    // One table per direction, keyed by the header name alone: a string key hashes faster than a (prefix, name) pair.
    private static readonly ConcurrentDictionary<string, JsonEncodedText> RequestNames = new();
    private static readonly ConcurrentDictionary<string, JsonEncodedText> ResponseNames = new();

    private readonly (JsonEncodedText Name, StringValues Values)[] entries;
    private readonly int count;

    private HeaderRecord(IHeaderDictionary headers, ConcurrentDictionary<string, JsonEncodedText> names, string prefix, bool redact)
    {
        entries = new (JsonEncodedText, StringValues)[headers.Count];
        foreach (var (name, values) in headers)
        {
            if (count == entries.Length)
            {
                Array.Resize(ref entries, count * 2 + 1);
            }
            entries[count++] = (AttributeName(names, prefix, name), redact && CredentialHeaders.InRequestOrResponse(name) ? Redacted : values);
        }
    }

    public static HeaderRecord OfRequest(HttpRequest request, bool redact) => new(request.Headers, RequestNames, "http.request.header.", redact);

    public static HeaderRecord OfResponse(HttpResponse response, bool redact) => new(response.Headers, ResponseNames, "http.response.header.", redact);

    /// <summary>Each header as a property of the attributes object being written: its name, then its values as an array.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        for (var index = 0; index < count; index++)
        {
            var (name, values) = entries[index];
            writer.WritePropertyName(name);
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value ?? "");
            }
            writer.WriteEndArray();
        }
    }

    /// <summary>Each header as an attribute of its own (a string array, as the semantic conventions have it) on <paramref name="activity"/>.</summary>
    public void AddTagsTo(Activity activity)
    {
        for (var index = 0; index < count; index++)
        {
            var (name, values) = entries[index];
            var recorded = new string[values.Count];
            for (var value = 0; value < recorded.Length; value++)
            {
                recorded[value] = values[value] ?? "";
            }
            activity.AddTag(name.Value, recorded);
        }
    }

    /// <summary>The semantic conventions' attribute of a header, JSON-encoded; the usual ones made once, and no more than a bounded
    /// few kept, since clients choose the header names.</summary>
    private static JsonEncodedText AttributeName(ConcurrentDictionary<string, JsonEncodedText> known, string prefix, string header)
    {
        if (known.TryGetValue(header, out var name))
        {
            return name;
        }
        name = SpanJson.Encoded(prefix + header.ToLowerInvariant());
        if (known.Count < KnownNamesLimit)
        {
            known.TryAdd(header, name);
        }
        return name;
    }
}
