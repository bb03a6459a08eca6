namespace Modular.Abstractions;

/// <summary>The fixed stages of the request pipeline, in the order a request passes them.</summary>
/// <remarks>Within one stage, plugins run in the order of the <c>plugins</c> setting.</remarks>
public enum PipelineStage
{
    /// <summary>Sees every request and the final response (core: the HTTP debug log).</summary>
    Telemetry,

    /// <summary>Refuses cheaply, before any work (core: keep-alive, concurrency, TRACE, request size).</summary>
    Connection,

    /// <summary>HTTPS policy: HSTS headers and redirects before content.</summary>
    TransportSecurity,

    /// <summary>Cross-origin checks, before any side effect of a disallowed origin.</summary>
    CrossOrigin,

    /// <summary>Response encoding, wrapping the body of every later stage.</summary>
    Encoding,

    /// <summary>Sessions, readable by every later stage.</summary>
    Session,

    /// <summary>Plugins' own endpoints and the server's statistics URLs.</summary>
    Endpoints,

    /// <summary>Static content under the HTML root (core).</summary>
    Content,

    /// <summary>The reverse proxy, for whatever content did not serve (core).</summary>
    Proxy,
}
