using Microsoft.Extensions.Logging;

namespace Modular.Host.Proxy;

/// <summary>The reverse proxy's log messages, with stable event ids.</summary>
internal static partial class ProxyLog
{
    [LoggerMessage(40, LogLevel.Information, "ReverseProxy section of {SettingsFile} applied: {Routes} route(s), {Clusters} cluster(s).")]
    public static partial void ProxyConfigApplied(this ILogger logger, string settingsFile, int routes, int clusters);

    [LoggerMessage(41, LogLevel.Error, "ReverseProxy section of {SettingsFile} refused, the routes in use stay: {Reason}")]
    public static partial void ProxyConfigRefused(this ILogger logger, string settingsFile, string reason);
}
