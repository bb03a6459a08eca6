using Modular.Testing;

namespace Modular.Plugins.Cors.Tests;

/// <summary>One server with CORS on and a list using every host syntax, shared by the tests of a class.</summary>
public sealed class CorsServer : IAsyncLifetime, IDisposable
{
    /// <summary>The list, as an operator writes it in modular.json.</summary>
    public const string Settings = """
        [
          { "host": "*.mydomain.com" },
          { "host": "192.168.*:8081", "methods": "get;POST" },
          { "host": "192.168.5.17" },
          { "host": "http://exact.example.org", "methods": "put" },
          { "host": "myProject.otherDomain.com:8443", "methods": "Get" },
          { "host": "[::1]:9000" },
          { "host": "10.*", "methods": "delete" }
        ]
        """;

    private readonly TempFolder folder = new();

    internal TestServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        folder.Write("WebFolder/data.json", """{"answer":42}""");
        folder.Write("modular.json", $$"""{ "CORSEnabled": true, "CORSSettings": {{Settings}}, "CORSMaxAge": 600 }""");
        Server = await TestServer.StartAsync(folder, null, "--pluginsFolder", folder.PluginsWith("cors"));
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Dispose();
    }

    public void Dispose() => folder.Dispose();

    /// <summary>Sends <paramref name="method"/> /data.json with the given Origin (none when null) and extra headers.</summary>
    internal async Task<HttpResponseMessage> SendAsync(HttpMethod method, string? origin, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, "/data.json");
        if (origin is not null)
        {
            request.Headers.TryAddWithoutValidation("Origin", origin);
        }
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await Server.Client.SendAsync(request);
    }

    internal Task<HttpResponseMessage> PreflightAsync(string origin, string method, string? requestHeaders = null) =>
        SendAsync(HttpMethod.Options, origin, requestHeaders is null
            ? [("Access-Control-Request-Method", method)]
            : [("Access-Control-Request-Method", method), ("Access-Control-Request-Headers", requestHeaders)]);
}
