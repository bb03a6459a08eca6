using System.Globalization;
using Modular.Abstractions;

namespace Modular.Plugins.Hsts;

/// <summary>4D's HSTS settings (spec/webServerConfig.md, HSTS) and the RFC 6797 options 4D leaves out.</summary>
public sealed class HstsOptions : IDependentSettings
{
    /// <summary>The shortest max-age the browsers' preload list accepts (hstspreload.org).</summary>
    private const int PreloadMinimumMaxAge = 31_536_000;

    private string? header;

    [Setting("Send Strict-Transport-Security on HTTPS responses, so browsers use HTTPS only (4D: Web HSTS enabled). Needs HTTPSEnabled.")]
    public bool HSTSEnabled { get; init; }

    [Setting("How long browsers keep to HTTPS after a response (4D: Web HSTS max age); set it short while testing.", Minimum = 0, Maximum = int.MaxValue, Unit = "seconds")]
    public int HSTSMaxAge { get; init; } = 63_072_000;

    [Setting("Add includeSubDomains: every subdomain is HTTPS-only too.")]
    public bool HSTSIncludeSubDomains { get; init; }

    [Setting("Add preload, asking to be listed in browsers' built-in HSTS list; needs HSTSIncludeSubDomains and HSTSMaxAge of at least 31536000.")]
    public bool HSTSPreload { get; init; }

    [Setting("Answer plain HTTP requests with a 308 redirect to the same URL on HTTPS (HTTPSPort). Needs HTTPSEnabled.")]
    public bool HSTSRedirectToHTTPS { get; init; }

    /// <summary>The Strict-Transport-Security value, made once per settings value.</summary>
    internal string Header => header ??= "max-age=" + HSTSMaxAge.ToString(CultureInfo.InvariantCulture)
        + (HSTSIncludeSubDomains ? "; includeSubDomains" : "")
        + (HSTSPreload ? "; preload" : "");

    public IEnumerable<SettingProblem> Validate(ISettingsView settings)
    {
        var https = settings.Value<bool>("HTTPSEnabled");
        if (HSTSEnabled && !https)
        {
            yield return new(nameof(HSTSEnabled), "needs HTTPSEnabled = true (browsers ignore the header over plain HTTP, RFC 6797 § 8.1); enable HTTPS or set HSTSEnabled = false");
        }
        if (HSTSRedirectToHTTPS && !https)
        {
            yield return new(nameof(HSTSRedirectToHTTPS), "needs HTTPSEnabled = true, or the redirect leads nowhere; enable HTTPS or set HSTSRedirectToHTTPS = false");
        }
        if (HSTSPreload && (!HSTSIncludeSubDomains || HSTSMaxAge < PreloadMinimumMaxAge))
        {
            yield return new(nameof(HSTSPreload), $"needs HSTSIncludeSubDomains = true and HSTSMaxAge of at least {PreloadMinimumMaxAge} (HSTSMaxAge is {HSTSMaxAge}), as the preload list requires");
        }
    }
}
