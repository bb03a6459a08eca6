using Modular.Abstractions;

namespace Modular.Host.Settings;

/// <summary>The core's connection rules (spec/webServerConfig.md, Options (I) and (II); spec/NOTES.md).</summary>
public sealed class ConnectionSettings
{
    [Setting("Keep connections open between requests (4D: Use Keep-Alive Connections); false closes each connection after its response.", Page = "Options (II)")]
    public bool keepAliveEnabled { get; init; } = true;

    [Setting("Requests served on one keep-alive connection; the last response carries 'Connection: close' (4D: Number of requests by connection).", Minimum = 1, Maximum = 1_000_000, Page = "Options (II)")]
    public int keepAliveMaxRequests { get; init; } = 100;

    [Setting("Seconds an idle keep-alive connection stays open (4D: Keep-alive Timeout); applies to connections opened after a change.", Minimum = 1, Maximum = 3600, Unit = "seconds", AppliesAt = SettingScope.Listeners, Page = "Options (II)")]
    public int keepAliveTimeout { get; init; } = 15;

    [Setting("Requests served at once; when those in flight reach this number minus one, new ones get 503 with Retry-After (4D: Maximum Concurrent Web Processes).", Minimum = 10, Maximum = 32000, Page = "Options (I)")]
    public int maxConcurrentProcesses { get; init; } = 32000;

    [Setting("Largest request body in bytes; a larger one gets 413 before it is read past the limit (4D: Maximum request size).", Minimum = 500_000, Maximum = int.MaxValue, Unit = "bytes")]
    public int maxRequestSize { get; init; } = 2_000_000;

    [Setting("Answer TRACE by echoing the request line, headers and body (true), or refuse it with 405 (false, 4D's default for security).")]
    public bool HTTPTrace { get; init; }
}
