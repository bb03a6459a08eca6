using System.Net;
using Modular.Abstractions;

namespace Modular.Host.Admin;

/// <summary>The admin API's listener and access (Caddy's admin endpoint; 4D's WEB SET OPTION from outside the process).</summary>
public sealed class AdminSettings : IValidatableSettings, IDependentSettings
{
    /// <summary>The shortest token accepted: a guessable one would open the API to anyone who can reach it.</summary>
    public const int MinimumTokenLength = 16;

    [Setting("Where the admin API listens: an address and port ('127.0.0.1:2080', '[::1]:2080'), or 'off'.", Accepts = "IPv4:port, [IPv6]:port, or off", AppliesAt = SettingScope.Start)]
    public string adminAddress { get; init; } = "127.0.0.1:2080";

    [Setting("Bearer token every admin API call must carry (Authorization: Bearer ...); empty: only loopback callers, without a token.", Accepts = "empty, or at least 16 characters", Secret = true)]
    public string adminToken { get; init; } = "";

    /// <summary>Whether the admin API is off.</summary>
    public bool IsOff => adminAddress.Equals("off", StringComparison.OrdinalIgnoreCase);

    public IEnumerable<SettingProblem> Validate(ISettingsView settings)
    {
        if (IsOff && !settings.Value<bool>("launchAtStartup"))
        {
            yield return new(nameof(adminAddress), "is off while launchAtStartup is false, so nothing could ever start the web server; set an adminAddress or launchAtStartup = true");
        }
    }

    public IEnumerable<SettingProblem> Validate()
    {
        if (!IsOff && (!IPEndPoint.TryParse(adminAddress, out var endpoint) || endpoint.Port == 0))
        {
            yield return new(nameof(adminAddress), "must be an address with a port (127.0.0.1:2080, [::1]:2080, 0.0.0.0:2080) or off");
        }
        if (adminToken.Length is > 0 and < MinimumTokenLength)
        {
            yield return new(nameof(adminToken), $"must be empty or at least {MinimumTokenLength} characters long");
        }
    }
}
