using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Modular.Host.Admin;
using Modular.Host.Content;
using Modular.Host.Listening;
using Modular.Host.Plugins;
using Modular.Host.Settings;

namespace Modular.Host.Hosting;

/// <summary>A running Modular server: Kestrel listeners, plugins and the staged request pipeline, built from one start's settings.</summary>
public sealed class ModularServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly WebApplication? admin;
    private readonly ILoggerFactory loggers;

    private ModularServer(WebApplication app, WebApplication? admin, ILoggerFactory loggers, IReadOnlyList<string> plugins)
    {
        this.app = app;
        this.admin = admin;
        this.loggers = loggers;
        Plugins = plugins;
    }

    /// <summary>The admin API's address (http://127.0.0.1:2080), or null when adminAddress is off.</summary>
    public Uri? AdminAddress => admin is null ? null : new Uri(admin.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>The addresses Kestrel is listening on, e.g. http://127.0.0.1:8080.</summary>
    public IReadOnlyList<Uri> Addresses => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
        .Addresses.Select(address => new Uri(address)).ToList();

    /// <summary>The ids of the loaded plugins, in the order of the plugins setting.</summary>
    public IReadOnlyList<string> Plugins { get; }

    /// <summary>Reads the settings, loads the plugins and starts listening; throws <see cref="StartupException"/> with every problem found.</summary>
    /// <remarks>Nothing is written to disk (home page, self-signed pair) unless the server ends up listening.</remarks>
    public static async Task<ModularServer> StartAsync(StartOptions options, CancellationToken cancellationToken = default)
    {
        var loggers = HostLogging.Create();
        var logger = loggers.CreateLogger("Modular");
        WebApplication? app = null;
        WebApplication? admin = null;
        StartupPlan? plan = null;
        try
        {
            plan = StartupPlan.Read(options);
            var problems = new List<string>(plan.Problems);
            TlsCertificate? tls = null;
            if (problems.Count == 0)
            {
                tls = plan.Host.HTTPSEnabled ? TlsCertificate.Load(plan.Paths.CertificateFolder, plan.Host.cipherSuite, logger, problems) : null;
                WebRoot.EnsureFolder(plan.Paths.RootFolder, plan.Host, plan.Paths.RootIsDefault, problems);
            }
            if (problems.Count > 0)
            {
                throw new StartupException(problems);
            }

            app = ApplicationFactory.Build(plan, tls, loggers);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            admin = await StartAdminAsync(app, plan, loggers, cancellationToken).ConfigureAwait(false);

            tls?.SaveGenerated(logger);
            WebRoot.WriteDefaultHomePage(plan.Paths.RootFolder, plan.Host, logger);
            var server = new ModularServer(app, admin, loggers, plan.Plugins.Names);
            logger.Listening(string.Join(", ", server.Addresses), server.Plugins.Count == 0 ? "none" : string.Join(", ", server.Plugins));
            return server;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (admin is not null)
            {
                await admin.DisposeAsync().ConfigureAwait(false);
            }
            if (app is not null)
            {
                await app.DisposeAsync().ConfigureAwait(false);
            }
            loggers.Dispose();
            throw Explain(e, plan);
        }
    }

    /// <summary>Completes when the server has stopped (Ctrl+C, SIGTERM or <see cref="DisposeAsync"/>).</summary>
    public Task WaitForShutdownAsync() => app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        if (admin is not null)
        {
            await admin.StopAsync().ConfigureAwait(false);
            await admin.DisposeAsync().ConfigureAwait(false);
        }
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        loggers.Dispose();
    }

    private static async Task<WebApplication?> StartAdminAsync(WebApplication app, StartupPlan plan, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var runtime = new RuntimeSettings(app.Services.GetRequiredService<SettingsStore>(), plan.Input, plan.Plugins);
        var admin = AdminApi.Build(app.Services, runtime, plan.Plugins, loggers);
        if (admin is null)
        {
            return null;
        }
        try
        {
            await admin.StartAsync(cancellationToken).ConfigureAwait(false);
            return admin;
        }
        catch (IOException e)
        {
            await admin.DisposeAsync().ConfigureAwait(false);
            var address = plan.Snapshot.Get<AdminSettings>().adminAddress;
            throw new StartupException([$"core: adminAddress = '{address}': the admin API cannot listen there ({e.Message}); choose another address or port, or set adminAddress to off."], e);
        }
    }

    /// <summary>Any failure to start as a <see cref="StartupException"/> saying what failed, and in which plugin when one threw.</summary>
    private static StartupException Explain(Exception e, StartupPlan? plan) => e switch
    {
        StartupException startup => startup,
        _ when FindBindError(e) is { } bind => new StartupException([bind.Message], e),
        _ when plan is not null && PluginBlame.Find(e, plan.Plugins.Loaded) is { } plugin =>
            new StartupException([$"{plugin.Folder.Describe(plugin.EntryFile)}: threw {e.GetType().Name} while the server started: {e.Message}"], e),
        _ => new StartupException([$"the server cannot start: {e.GetType().Name}: {e.Message}"], e),
    };

    private static ListenerBindException? FindBindError(Exception? e) => e switch
    {
        null => null,
        ListenerBindException bind => bind,
        AggregateException aggregate => aggregate.InnerExceptions.Select(FindBindError).FirstOrDefault(found => found is not null),
        _ => FindBindError(e.InnerException),
    };
}
