using System.Collections.Concurrent;
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
    private const string Redacted = "[redacted]";

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
        RecordRequest(activity, context, options.debugLogRedact);
        var requestBody = new BodyRecord(options.RecordsRequestBody ? options.debugLogBodyLimit : 0);
        var responseBody = new BodyRecord(options.RecordsResponseBody ? options.debugLogBodyLimit : 0);
        var originalRequestBody = context.Request.Body;
        var originalResponse = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        var recordedResponse = new RecordedResponseBody(originalResponse, responseBody);
        // A request without a body (a GET, say: no Content-Length, not chunked) has nothing to count: no wrapper for it.
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? true)
        {
            context.Request.Body = new RecordedRequestStream(originalRequestBody, requestBody);
        }
        context.Features.Set<IHttpResponseBodyFeature>(recordedResponse);
        try
        {
            await next(context).ConfigureAwait(false);
            // What the application left in the writer goes out (and is counted) before the response is described.
            await recordedResponse.FinishAsync().ConfigureAwait(false);
        }
        finally
        {
            context.Features.Set(originalResponse);
            context.Request.Body = originalRequestBody;
            RecordResponse(activity, context, options.debugLogRedact);
            activity.AddTag("http.request.body.size", Math.Max(requestBody.Size, context.Request.ContentLength ?? 0));
            activity.AddTag("http.response.body.size", responseBody.Size);
            if (options.RecordsRequestBody)
            {
                activity.AddEvent(requestBody.ToEvent("http.request.body", context.Request.ContentLength));
            }
            if (options.RecordsResponseBody)
            {
                activity.AddEvent(responseBody.ToEvent("http.response.body"));
            }
        }
    }

    private static void RecordRequest(Activity activity, HttpContext context, bool redact)
    {
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path + request.QueryString;
        // AddTag, not SetTag: each of these names is set once, and SetTag looks through every tag already set first.
        activity.AddTag("modular.connection.id", context.Connection.Id);
        activity.AddTag("modular.connection.request_number", RequestNumber(context));
        activity.AddTag("network.peer.address", context.Connection.RemoteIpAddress?.ToString());
        activity.AddTag("network.peer.port", context.Connection.RemotePort);
        activity.AddTag("modular.http.request_line", $"{request.Method} {target} {request.Protocol}");
        foreach (var (name, values) in request.Headers)
        {
            activity.AddTag(AttributeName(RequestHeaderPrefix, name), Values(name, values, redact));
        }
    }

    private static void RecordResponse(Activity activity, HttpContext context, bool redact)
    {
        var response = context.Response;
        var reason = context.Features.Get<IHttpResponseFeature>()?.ReasonPhrase ?? ReasonPhrases.GetReasonPhrase(response.StatusCode);
        activity.AddTag("modular.http.status_line", $"{context.Request.Protocol} {response.StatusCode} {reason}".TrimEnd());
        foreach (var (name, values) in response.Headers)
        {
            activity.AddTag(AttributeName(ResponseHeaderPrefix, name), Values(name, values, redact));
        }
    }

    private const string RequestHeaderPrefix = "http.request.header.";
    private const string ResponseHeaderPrefix = "http.response.header.";
    private const int KnownNamesLimit = 512;
    private static readonly ConcurrentDictionary<(string Prefix, string Header), string> KnownNames = new();

    /// <summary>The semantic conventions' attribute of a header; the usual ones made once, and no more than a bounded few kept,
    /// since clients choose the header names.</summary>
    private static string AttributeName(string prefix, string header)
    {
        if (KnownNames.TryGetValue((prefix, header), out var known))
        {
            return known;
        }
        var name = prefix + header.ToLowerInvariant();
        if (KnownNames.Count < KnownNamesLimit)
        {
            KnownNames.TryAdd((prefix, header), name);
        }
        return name;
    }

    private static string[] Values(string name, Microsoft.Extensions.Primitives.StringValues values, bool redact)
    {
        var recorded = new string[values.Count];
        var hidden = redact && CredentialHeaders.InRequestOrResponse(name);
        for (var index = 0; index < recorded.Length; index++)
        {
            recorded[index] = hidden ? Redacted : values[index] ?? "";
        }
        return recorded;
    }

    /// <summary>The request's number on its connection, from 1, as 4D's log numbers the requests of a connection.</summary>
    private static long RequestNumber(HttpContext context) => ConnectionState.Of<RequestCounter>(context)?.Next() ?? 1;

    /// <summary>Per connection; HTTP/2 streams of one connection run at once, hence the interlocked count.</summary>
    private sealed class RequestCounter
    {
        private long count;

        public long Next() => Interlocked.Increment(ref count);
    }
}
