namespace Modular.Plugins.Cors;

/// <summary>One row of 4D's "Domain names and HTTP methods allowed" list.</summary>
public sealed class CorsRule
{
    /// <summary>The allowed origin: <c>192.168.5.17:8081</c>, <c>192.168.*</c>, <c>http://*.myDomain.com</c>, <c>*</c>, …</summary>
    public string host { get; init; } = "";

    /// <summary>Methods separated by ';' (<c>post;get</c>), without case; empty allows every method.</summary>
    public string? methods { get; init; }
}
