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

    // The attributes' names, by Field, and as JSON, encoded once.
    private static readonly string[] Names =
    [
        "modular.connection.id", "modular.connection.request_number", "network.peer.address", "network.peer.port",
        "modular.http.request_line", "modular.http.status_line", "http.request.body.size", "http.response.body.size",
    ];
    private static readonly JsonEncodedText[] JsonNames = [.. Names.Select(SpanJson.Encoded)];

    private enum Field { ConnectionId, RequestNumber, PeerAddress, PeerPort, RequestLine, StatusLine, RequestBodySize, ResponseBodySize }

    public required string ConnectionId { get; init; }

    /// <summary>1, 2, … on one connection, as 4D's log numbers a connection's requests.</summary>
    public required long RequestNumber { get; init; }

    public required string? PeerAddress { get; init; }

    public required int PeerPort { get; init; }

    /// <summary>The request line as received (<c>GET /a?b=1 HTTP/1.1</c>, the raw target).</summary>
    public required string RequestLine { get; init; }

    public required HeaderRecord RequestHeaders { get; init; }

    // The rest is known once the response is done (Complete); a record without it writes the request alone.
    public string? StatusLine { get; private set; }

    public HeaderRecord? ResponseHeaders { get; private set; }

    public long RequestBodySize { get; private set; }

    public long ResponseBodySize { get; private set; }

    /// <summary>The response's part, all at once: a record with a status line has the rest too.</summary>
    public void Complete(string statusLine, HeaderRecord responseHeaders, long requestBodySize, long responseBodySize)
    {
        ResponseHeaders = responseHeaders;
        RequestBodySize = requestBodySize;
        ResponseBodySize = responseBodySize;
        StatusLine = statusLine;
    }

    /// <summary>Each attribute as a property of the attributes object being written.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        var json = new JsonProperties(writer);
        Visit(ref json);
    }

    /// <summary>Each attribute as a tag of its own on <paramref name="activity"/>, as OTLP and the console export them.</summary>
    public void AddTagsTo(Activity activity)
    {
        var tags = new Tags(activity);
        Visit(ref tags);
    }

    /// <summary>The attributes in order, to either form (a struct each: no allocation, no virtual call per attribute).</summary>
    private void Visit<TForm>(ref TForm form) where TForm : struct, IAttributeForm
    {
        form.Text(Field.ConnectionId, ConnectionId);
        form.Number(Field.RequestNumber, RequestNumber);
        form.Text(Field.PeerAddress, PeerAddress);
        form.Number(Field.PeerPort, PeerPort);
        form.Text(Field.RequestLine, RequestLine);
        form.Headers(RequestHeaders);
        if (StatusLine is null)
        {
            return;
        }
        form.Text(Field.StatusLine, StatusLine);
        form.Headers(ResponseHeaders!);
        form.Number(Field.RequestBodySize, RequestBodySize);
        form.Number(Field.ResponseBodySize, ResponseBodySize);
    }

    private interface IAttributeForm
    {
        void Text(Field name, string? value);

        void Number(Field name, long value);

        void Headers(HeaderRecord headers);
    }

    private readonly struct JsonProperties(Utf8JsonWriter writer) : IAttributeForm
    {
        public void Text(Field name, string? value) => writer.WriteString(JsonNames[(int)name], value);

        public void Number(Field name, long value) => writer.WriteNumber(JsonNames[(int)name], value);

        public void Headers(HeaderRecord headers) => headers.WriteTo(writer);
    }

    private readonly struct Tags(Activity activity) : IAttributeForm
    {
        public void Text(Field name, string? value) => activity.AddTag(Names[(int)name], value);

        public void Number(Field name, long value) => activity.AddTag(Names[(int)name], value);

        public void Headers(HeaderRecord headers) => headers.AddTagsTo(activity);
    }
}
