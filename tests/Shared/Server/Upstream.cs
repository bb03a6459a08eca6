using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Modular.Testing;

/// <summary>A real HTTP server on 127.0.0.1 and a port of its own, standing for the application behind the reverse proxy.</summary>
internal sealed class Upstream : IAsyncDisposable
{
    private readonly WebApplication app;
    private int requests;

    private Upstream(WebApplication app) => this.app = app;

    /// <summary>http://127.0.0.1:port/</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>How many requests reached it.</summary>
    public int Requests => Volatile.Read(ref requests);

    /// <summary>Starts it; every request is answered by <paramref name="handler"/>.</summary>
    public static async Task<Upstream> StartAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore().AddLogging(logging => logging.ClearProviders());
        var app = builder.Build();
        var upstream = new Upstream(app);
        app.Run(context =>
        {
            Interlocked.Increment(ref upstream.requests);
            return handler(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        upstream.Address = new Uri(address.EndsWith('/') ? address : address + "/");
        return upstream;
    }

    /// <summary>A settings file's <c>ReverseProxy</c> section: one route matching <paramref name="pathPattern"/> to a cluster of <paramref name="destinations"/>.</summary>
    public static string Section(string pathPattern, params Upstream[] destinations) => Section(pathPattern, destinations.Select(d => d.Address.ToString()).ToArray());

    /// <summary>The same with destination addresses given as text (e.g. a port nothing listens on).</summary>
    public static string Section(string pathPattern, params string[] destinations)
    {
        var list = string.Join(", ", destinations.Select((address, i) => $$"""  "d{{i}}": { "Address": "{{address}}" }"""));
        return $$"""
            "ReverseProxy": {
              "Routes": { "app": { "ClusterId": "app", "Match": { "Path": "{{pathPattern}}" } } },
              "Clusters": { "app": { "LoadBalancingPolicy": "RoundRobin", "Destinations": { {{list}} } } }
            }
            """;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
