using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Modular.Host.Admin;
using Modular.Host.Hosting;

namespace Modular.Host.Cli;

/// <summary>The command line's way to a running server: its admin API, found and authorised by the same settings.</summary>
internal sealed class AdminClient : IDisposable
{
    private readonly HttpClient client;

    private AdminClient(HttpClient client) => this.client = client;

    /// <summary>A client for the admin API these options describe, or null with the reason printed (adminAddress off, bad settings).</summary>
    public static AdminClient? Create(StartOptions options) => CreateHttpClient(options) is { } client ? new AdminClient(client) : null;

    /// <summary>An HTTP client whose base address is the admin API's root, with its token; null with the reason printed.</summary>
    public static HttpClient? CreateHttpClient(StartOptions options)
    {
        var plan = StartupPlan.Read(options);
        if (plan.Problems.Count > 0)
        {
            ModularCommandLine.WriteErrors("The settings have problems (run 'modular settings check'):", plan.Problems);
            return null;
        }
        var settings = plan.Snapshot.Get<AdminSettings>();
        if (settings.IsOff)
        {
            Console.Error.WriteLine("The admin API is off (adminAddress = off): there is no running server to ask.");
            return null;
        }
        var endpoint = IPEndPoint.Parse(settings.adminAddress);
        // A server listening on every address is reached on loopback.
        var address = endpoint.Address.Equals(IPAddress.Any) ? IPAddress.Loopback : endpoint.Address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : endpoint.Address;
        var client = new HttpClient { BaseAddress = new Uri($"http://{new IPEndPoint(address, endpoint.Port)}/"), Timeout = TimeSpan.FromSeconds(60) };
        if (settings.adminToken.Length > 0)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", settings.adminToken);
        }
        return client;
    }

    /// <summary>Sends one call; the status and the JSON answer, or null with the reason printed when the server cannot be reached.</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)?> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }
        try
        {
            using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            Console.Error.WriteLine($"No answer from the admin API at {client.BaseAddress}: {e.Message}");
            return null;
        }
    }

    /// <summary>Prints the answer's errors to standard error; true when there were none.</summary>
    public static bool ReportErrors(JsonNode? body)
    {
        if (body?["errors"] is not JsonArray { Count: > 0 } errors)
        {
            return true;
        }
        foreach (var error in errors)
        {
            Console.Error.WriteLine((string?)error);
        }
        return false;
    }

    public void Dispose() => client.Dispose();
}
