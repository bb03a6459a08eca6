using Microsoft.Extensions.Logging;

namespace Modular.Host.Proxy;

/// <summary>The reverse proxy's log messages, with stable event ids.</summary>
internal static partial class ProxyLog
{
    [LoggerMessage(40, LogLevel.Information, "ReverseProxy section of {SettingsFile} applied: {Routes} route(s), {Clusters} cluster(s).")]
    public static partial void ProxyConfigApplied(this ILogger logger, string settingsFile, int routes, int clusters);

    [LoggerMessage(41, LogLevel.Error, "ReverseProxy section of {SettingsFile} refused, the routes in use stay: {Reason}")]
    public static partial void ProxyConfigRefused(this ILogger logger, string settingsFile, string reason);

    [LoggerMessage(42, LogLevel.Information, "A ReverseProxy section was added to {SettingsFile}: the web server starts again with the reverse proxy (requests in flight finish first).")]
    public static partial void ProxySectionAdded(this ILogger logger, string settingsFile);

    [LoggerMessage(43, LogLevel.Error, "The ReverseProxy section added to {SettingsFile} is refused; the web server goes on without the reverse proxy until the section is fixed: {Reason}")]
    public static partial void ProxySectionRefused(this ILogger logger, string settingsFile, string reason);
}
