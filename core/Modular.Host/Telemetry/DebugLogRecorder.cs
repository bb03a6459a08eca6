using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Modular.Host.Connection;

namespace Modular.Host.Telemetry;

/// <summary>The Telemetry stage: 4D's HTTP debug log written onto the request's span (spec/webServerConfig.md, Debug log):
/// the raw request and response lines and headers, the 4D record's connection, sequence and peer, body sizes, and with
/// debugLog 3, 5 or 7 the bodies as span events, cut at debugLogBodyLimit.</summary>
/// <remarks>Outermost of the pipeline, so the response is recorded as the client receives it (after compression).</remarks>
internal sealed class DebugLogRecorder(RequestDelegate next, IOptionsMonitor<TelemetrySettings> settings)
{
    public Task InvokeAsync(HttpContext context)
    {
        var options = settings.CurrentValue;
        // Off (the usual case): a flag check and no state machine, since every request passes here.
        return options.debugLog == 0 || context.Features.Get<IHttpActivityFeature>()?.Activity is not { IsAllDataRequested: true } activity
            ? next(context)
            : RecordAsync(context, activity, options);
    }

    private async Task RecordAsync(HttpContext context, Activity activity, TelemetrySettings options)
    {
        var record = RecordRequest(context, options.debugLogRedact);
        // Added now, not at the end: the request's part is there even when the response never completes.
        activity.AddTag(DebugLogRecord.Tag, record);
        var responseBody = new BodyRecord(options.RecordsResponseBody ? options.debugLogBodyLimit : 0);
        var originalRequestBody = context.Request.Body;
        var originalResponse = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        // A request without a body (a GET, say: no Content-Length, not chunked) has nothing to count: no record, no wrapper.
        var requestBody = context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true
            ? new BodyRecord(options.RecordsRequestBody ? options.debugLogBodyLimit : 0)
            : null;
        if (requestBody is not null)
        {
            context.Request.Body = new RecordedRequestStream(originalRequestBody, requestBody);
        }
        context.Features.Set<IHttpResponseBodyFeature>(new RecordedResponseBody(originalResponse, responseBody));
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            context.Features.Set(originalResponse);
            context.Request.Body = originalRequestBody;
            var requestBodySize = Math.Max(requestBody?.Size ?? 0, context.Request.ContentLength ?? 0);
            RecordResponse(record, context, options.debugLogRedact, requestBodySize, responseBody.Size);
            if (options.RecordsRequestBody)
            {
                activity.AddEvent((requestBody ?? new BodyRecord(0)).ToEvent("http.request.body", context.Request.ContentLength));
            }
            if (options.RecordsResponseBody)
            {
                activity.AddEvent(responseBody.ToEvent("http.response.body"));
            }
        }
    }

    private static DebugLogRecord RecordRequest(HttpContext context, bool redact)
    {
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
        var connection = ConnectionState.Of<ConnectionRecord>(context);
        return new DebugLogRecord
        {
            ConnectionId = context.Connection.Id,
            RequestNumber = connection?.NextRequestNumber() ?? 1,
            PeerAddress = connection?.PeerAddress(context) ?? context.Connection.RemoteIpAddress?.ToString(),
            PeerPort = context.Connection.RemotePort,
            RequestLine = $"{request.Method} {target} {request.Protocol}",
            RequestHeaders = HeaderRecord.OfRequest(request, redact),
        };
    }

    private static void RecordResponse(DebugLogRecord record, HttpContext context, bool redact, long requestBodySize, long responseBodySize)
    {
        var response = context.Response;
        var reason = context.Features.Get<IHttpResponseFeature>()?.ReasonPhrase ?? ReasonPhrases.GetReasonPhrase(response.StatusCode);
        var statusLine = string.IsNullOrEmpty(reason)
            ? $"{context.Request.Protocol} {response.StatusCode}"
            : $"{context.Request.Protocol} {response.StatusCode} {reason}";
        record.Complete(statusLine, HeaderRecord.OfResponse(response, redact), requestBodySize, responseBodySize);
    }

    /// <summary>What the log notes once per connection: its requests' numbers, from 1, as 4D's log numbers the requests of a
    /// connection, and the peer's address as text (made at its first request, not at each).</summary>
    private sealed class ConnectionRecord
    {
        private long count;
        private string? peerAddress;

        /// <summary>HTTP/2 streams of one connection run at once, hence the interlocked count.</summary>
        public long NextRequestNumber() => Interlocked.Increment(ref count);

        public string? PeerAddress(HttpContext context) => peerAddress ??= context.Connection.RemoteIpAddress?.ToString();
    }
}
