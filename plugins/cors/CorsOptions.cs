using Modular.Abstractions;

namespace Modular.Plugins.Cors;

/// <summary>4D's CORS settings (spec/webServerConfig.md, CORS; spec/NOTES.md, CORS).</summary>
public sealed class CorsOptions : IValidatableSettings
{
    private CorsPolicy? policy;

    [Setting("Answer cross-origin requests: allowed ones get the CORS headers, others 403 (4D: Enable CORS). Off: no CORS headers, so browsers keep cross-origin reads blocked.", Page = "Options (II)")]
    public bool CORSEnabled { get; init; }

    [Setting("Allowed origins and their methods, as a list of {\"host\": ..., \"methods\": \"get;post\"}; empty methods allow all (4D: Domain names and HTTP methods allowed).",
        Accepts = "a JSON list of {host, methods}: host is '*', [http(s)://]name, *.domain, an IPv4 address or prefix (192.168.*) or [IPv6], each with an optional :port; methods are GET, HEAD, POST, PUT, DELETE, OPTIONS, TRACE, PATCH separated by ';'", Page = "Options (II)")]
    public IReadOnlyList<CorsRule> CORSSettings { get; init; } = [];

    [Setting("How long a browser may reuse a preflight answer (Access-Control-Max-Age); Chromium keeps it at most 7200.", Minimum = 0, Maximum = 86400, Unit = "seconds")]
    public int CORSMaxAge { get; init; } = 7200;

    /// <summary>The rules, parsed once per settings value.</summary>
    internal CorsPolicy Policy => policy ??= CorsPolicy.Parse(CORSSettings, out _);

    public IEnumerable<SettingProblem> Validate()
    {
        CorsPolicy.Parse(CORSSettings, out var problems);
        return problems.Select(problem => new SettingProblem(nameof(CORSSettings), problem));
    }
}
