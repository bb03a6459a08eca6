using System.Net;
using StackExchange.Redis;

namespace Modular.Plugins.Sessions;

/// <summary>Reading sessionRedisConfiguration: its problem for the settings messages, and its endpoints for the logs (never
/// the whole text, which may hold a password).</summary>
internal static class RedisEndpoints
{
    public static string? Problem(string configuration)
    {
        if (configuration.Trim().Length == 0)
        {
            return "is required when sessionStore is redis, e.g. 127.0.0.1:6379";
        }
        try
        {
            return ConfigurationOptions.Parse(configuration).EndPoints.Count == 0
                ? "names no Redis server; start it with host:port, e.g. 127.0.0.1:6379"
                : null;
        }
        catch (ArgumentException e)
        {
            return $"is not a StackExchange.Redis configuration: {e.Message}";
        }
    }

    public static string Describe(ConfigurationOptions options) => string.Join(",", options.EndPoints.Select(endpoint => endpoint switch
    {
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endpoint.ToString(),
    }));
}
