using System.Diagnostics;
using System.Text.Json;

namespace Modular.Host.Telemetry;

/// <summary>4D's debug log record of one request, held by one tag of its span: written as the attributes it stands for by
/// the file exporter, and expanded into those attributes before any other exporter (<see cref="DebugLogRecordExpander"/>).</summary>
/// <remarks>
/// One tag, not one per attribute: each tag is a node of the span's list, with a box for a number, and OpenTelemetry's
/// instrumentation looks through the whole list for each tag it sets when the request ends.
/// </remarks>
internal sealed class DebugLogRecord
{
    /// <summary>The tag holding the record; no exporter ever sees it (the file writes it, the expander replaces it).</summary>
    public const string Tag = "modular.debug_log";

    private const string ConnectionIdName = "modular.connection.id", RequestNumberName = "modular.connection.request_number",
        PeerAddressName = "network.peer.address", PeerPortName = "network.peer.port", RequestLineName = "modular.http.request_line",
        StatusLineName = "modular.http.status_line", RequestBodySizeName = "http.request.body.size",
        ResponseBodySizeName = "http.response.body.size";

    private static readonly JsonEncodedText ConnectionIdJson = SpanJson.Encoded(ConnectionIdName),
        RequestNumberJson = SpanJson.Encoded(RequestNumberName), PeerAddressJson = SpanJson.Encoded(PeerAddressName),
        PeerPortJson = SpanJson.Encoded(PeerPortName), RequestLineJson = SpanJson.Encoded(RequestLineName),
        StatusLineJson = SpanJson.Encoded(StatusLineName), RequestBodySizeJson = SpanJson.Encoded(RequestBodySizeName),
        ResponseBodySizeJson = SpanJson.Encoded(ResponseBodySizeName);

    public required string ConnectionId { get; init; }

    /// <summary>1, 2, … on one connection, as 4D's log numbers a connection's requests.</summary>
    public required long RequestNumber { get; init; }

    public required string? PeerAddress { get; init; }

    public required int PeerPort { get; init; }

    /// <summary>The request line as received (<c>GET /a?b=1 HTTP/1.1</c>, the raw target).</summary>
    public required string RequestLine { get; init; }

    public required HeaderRecord RequestHeaders { get; init; }

    /// <summary>The rest is known once the response is done; a record whose response is missing writes the request alone.</summary>
    public string? StatusLine { get; set; }

    public HeaderRecord? ResponseHeaders { get; set; }

    public long RequestBodySize { get; set; }

    public long ResponseBodySize { get; set; }

    /// <summary>Each attribute as a property of the attributes object being written.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteString(ConnectionIdJson, ConnectionId);
        writer.WriteNumber(RequestNumberJson, RequestNumber);
        writer.WriteString(PeerAddressJson, PeerAddress);
        writer.WriteNumber(PeerPortJson, PeerPort);
        writer.WriteString(RequestLineJson, RequestLine);
        RequestHeaders.WriteTo(writer);
        if (StatusLine is null)
        {
            return;
        }
        writer.WriteString(StatusLineJson, StatusLine);
        ResponseHeaders?.WriteTo(writer);
        writer.WriteNumber(RequestBodySizeJson, RequestBodySize);
        writer.WriteNumber(ResponseBodySizeJson, ResponseBodySize);
    }

    /// <summary>Each attribute as a tag of its own on <paramref name="activity"/>, as OTLP and the console export them.</summary>
    public void AddTagsTo(Activity activity)
    {
        activity.AddTag(ConnectionIdName, ConnectionId);
        activity.AddTag(RequestNumberName, RequestNumber);
        activity.AddTag(PeerAddressName, PeerAddress);
        activity.AddTag(PeerPortName, PeerPort);
        activity.AddTag(RequestLineName, RequestLine);
        RequestHeaders.AddTagsTo(activity);
        if (StatusLine is null)
        {
            return;
        }
        activity.AddTag(StatusLineName, StatusLine);
        ResponseHeaders?.AddTagsTo(activity);
        activity.AddTag(RequestBodySizeName, RequestBodySize);
        activity.AddTag(ResponseBodySizeName, ResponseBodySize);
    }
}
