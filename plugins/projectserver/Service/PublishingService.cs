using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Abstractions;
using Modular.Plugins.ProjectServer.Access;
using Modular.Plugins.ProjectServer.Discovery;
using Modular.Plugins.ProjectServer.Packages;
using Modular.Plugins.ProjectServer.Settings;
using Modular.Plugins.ProjectServer.Sessions;

namespace Modular.Plugins.ProjectServer.Service;

/// <summary>Builds the packages, then serves them on publishingPort with a Kestrel of its own, for as long as the web server runs.</summary>
/// <remarks>A listener apart from the web server's: remote clients are not web visitors (clientAllowDeny governs them, not the
/// web settings), and 4D Server publishes on its own port.</remarks>
internal sealed class PublishingService(
    ProjectCatalog catalog,
    RemoteUserSessions sessions,
    DiscoveryResponder discovery,
    IOptionsMonitor<ProjectServerOptions> options,
    ISettingsView settings,
    IServiceProvider services,
    ILogger<PublishingService> logger) : IHostedService, IAsyncDisposable
{
    // A connection request is a few names; packages are downloads, never uploads.
    private const long MaxRequestBodySize = 64 * 1024;

    private WebApplication? service;

    /// <summary>The address the service listens on (its port is publishingPort, or the one the system chose for port 0 in tests).</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var project in catalog.Projects)
        {
            await project.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        var listenOn = ListenAddress(settings.Value<string>("IPAddressToListen"));
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodySize;
            kestrel.AddServerHeader = false;
            kestrel.Listen(listenOn, options.CurrentValue.publishingPort, listen =>
            {
                if (options.CurrentValue.clientServerEncryption)
                {
                    // The web server's pair, per handshake: a replaced certificate serves here too without a restart.
                    var tls = services.GetRequiredService<IServerTls>();
                    listen.UseHttps(new TlsHandshakeCallbackOptions { OnConnection = _ => ValueTask.FromResult(tls.HandshakeOptions()) });
                }
            });
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton(catalog).AddSingleton(sessions);
        service = builder.Build();
        service.Use(AdmitClientAsync);
        service.UseRouting();
        PublishingEndpoints.Map(service);
        await service.StartAsync(cancellationToken).ConfigureAwait(false);
        Address = new Uri(service.Urls.First());
        discovery.Start(listenOn, options.CurrentValue.publishingPort, Address.Port);
        logger.Publishing(string.Join(", ", catalog.Projects.Select(project => project.Name)), Address.ToString());
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await discovery.DisposeAsync().ConfigureAwait(false);
        if (service is not null)
        {
            await service.StopAsync(cancellationToken).ConfigureAwait(false);
        }
        await sessions.CloseAllAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (service is not null)
        {
            await service.DisposeAsync().ConfigureAwait(false);
        }
        catalog.Dispose();
    }

    /// <summary>clientAllowDeny, before anything else: a refused client learns nothing about the projects.</summary>
    private Task AdmitClientAsync(HttpContext context, RequestDelegate next)
    {
        var address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        if (options.CurrentValue.Access.Admits(address, out var reason))
        {
            return next(context);
        }
        logger.ClientRefused(ClientAccess.Canonical(address), reason);
        return PublishingEndpoints.ErrorAsync(context, StatusCodes.Status403Forbidden, reason);
    }

    /// <summary>The web server's IPAddressToListen, or every address of both families when it names none.</summary>
    private static IPAddress ListenAddress(string configured) =>
        string.IsNullOrWhiteSpace(configured) ? IPAddress.IPv6Any : IPAddress.Parse(configured);
}
