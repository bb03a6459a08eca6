using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using Modular.Host.Hosting;
using Modular.Host.Listening;

namespace Modular.Host.Cli;

/// <summary><c>modular health</c>: asks the server configured by the same settings for '/' on loopback (a container's HEALTHCHECK).</summary>
internal static class HealthCommand
{
    public static Command Create()
    {
        var health = new Command("health", "Exit 0 when the server configured by these settings answers '/' on loopback without a server error, 1 otherwise.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        health.SetAction(async (parse, cancellationToken) =>
        {
            var plan = StartupPlan.Read(ModularCommandLine.ReadStartOptions(parse));
            if (plan.Problems.Count > 0)
            {
                ModularCommandLine.WriteErrors("The settings have problems (run 'modular settings check'):", plan.Problems);
                return ModularCommandLine.ConfigurationError;
            }
            var endpoint = ListenEndpoint.FromSettings(plan.Host)[0];
            var url = new UriBuilder(endpoint.Scheme, Loopback(endpoint.Address), endpoint.Port, "/").Uri;
            return await ProbeAsync(url, cancellationToken).ConfigureAwait(false);
        });
        return health;
    }

    private static string Loopback(IPAddress? address) => address switch
    {
        null => "127.0.0.1",
        _ when address.Equals(IPAddress.Any) => "127.0.0.1",
        _ when address.Equals(IPAddress.IPv6Any) => "[::1]",
        { AddressFamily: AddressFamily.InterNetworkV6 } => $"[{address}]",
        _ => address.ToString(),
    };

    [SuppressMessage("Security", "CA5359", Justification = "The probe asks its own server on loopback, whose certificate may be the self-signed one written at start.")]
    private static async Task<int> ProbeAsync(Uri url, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await client.GetAsync(url, cancellationToken).ConfigureAwait(false);
            var healthy = (int)response.StatusCode < 500;
            Console.Out.WriteLine($"{(healthy ? "healthy" : "unhealthy")}: {(int)response.StatusCode} from {url}");
            return healthy ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Console.Out.WriteLine($"unhealthy: {url}: {e.Message}");
            return 1;
        }
    }
}
