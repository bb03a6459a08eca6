using Microsoft.AspNetCore.Http;
using Modular.Abstractions;

namespace Modular.Plugins.Sessions;

/// <summary>4D's web session settings (spec/webServerConfig.md: Keep Session, Inactive Session Timeout, Inactive Process Timeout).</summary>
public sealed class WebSessionOptions : IValidatableSettings
{
    /// <summary>4D's default for both timeouts, in minutes; 0 restores it.</summary>
    private const int DefaultMinutes = 480;

    private SameSiteMode? sameSite;

    [Setting("Give each client a session through the cookie 4DSID_<name> (4D: Automatic Session Management); false: no cookie, no session.", Page = "Options (I)")]
    public bool keepSession { get; init; } = true;

    [Setting("Minutes a session lives after its last use; the cookie's lifetime, renewed on each use (4D: Inactive Session Timeout).", Minimum = 1, Maximum = 525_600, ZeroRestoresDefault = true, Unit = "minutes")]
    public int inactiveSessionTimeout { get; init; } = DefaultMinutes;

    [Setting("Minutes after the last use of a session when work running for it (a plugin's IdleWork token) is cancelled; the session lives on until inactiveSessionTimeout (4D: Inactive Process Timeout).", Minimum = 1, Maximum = 525_600, ZeroRestoresDefault = true, Unit = "minutes", Page = "Options (I)")]
    public int inactiveProcessTimeout { get; init; } = DefaultMinutes;

    [Setting("SameSite attribute of the session cookie: Strict (4D's), Lax, or None (which browsers accept over HTTPS only).", AllowedValues = ["Strict", "Lax", "None"])]
    public string sessionCookieSameSite { get; init; } = "Strict";

    [Setting("Refuse a session cookie presented from another client address than the one that made the session: that client gets a new session.")]
    public bool sessionIPAddressValidation { get; init; }

    [Setting("Where sessions live: memory (this process) or redis (shared by every instance using the same Redis, set with sessionRedisConfiguration).", AllowedValues = ["memory", "redis"], AppliesAt = SettingScope.Start)]
    public string sessionStore { get; init; } = "memory";

    [Setting("The Redis server(s) of sessionStore redis, in StackExchange.Redis syntax: host:port[,host:port][,password=…][,ssl=true]…", Accepts = "a StackExchange.Redis configuration string, e.g. 127.0.0.1:6379", AppliesAt = SettingScope.Start, Secret = true)]
    public string sessionRedisConfiguration { get; init; } = "";

    internal bool UsesRedis => string.Equals(sessionStore, "redis", StringComparison.OrdinalIgnoreCase);

    /// <summary>The cookie's SameSite attribute, parsed once per settings value.</summary>
    internal SameSiteMode SameSite => sameSite ??= Enum.Parse<SameSiteMode>(sessionCookieSameSite, ignoreCase: true);

    internal TimeSpan SessionLifetime => TimeSpan.FromMinutes(inactiveSessionTimeout);

    internal TimeSpan IdleWorkLifetime => TimeSpan.FromMinutes(inactiveProcessTimeout);

    public IEnumerable<SettingProblem> Validate()
    {
        if (!UsesRedis)
        {
            if (sessionRedisConfiguration.Length > 0)
            {
                yield return new(nameof(sessionRedisConfiguration), "is used only by sessionStore redis, and sessionStore is memory; set sessionStore to redis or remove sessionRedisConfiguration");
            }
            yield break;
        }
        if (RedisEndpoints.Problem(sessionRedisConfiguration) is { } problem)
        {
            yield return new(nameof(sessionRedisConfiguration), problem);
        }
    }
}
