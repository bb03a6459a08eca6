using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Modular.Host.Admin;
using Modular.Host.Caching;
using Modular.Host.Connection;
using Modular.Host.Settings;
using Modular.Host.Telemetry;

namespace Modular.Host.Hosting;

/// <summary>A running Modular process: plugins and settings, the web server (which may be stopped and started again) and the admin API.</summary>
public sealed class ModularServer : IAsyncDisposable
{
    private readonly WebServer web;
    private readonly RuntimeSettings runtime;
    private readonly WebApplication? admin;
    private readonly ILoggerFactory loggers;
    private readonly ProcessTelemetry telemetry;

    private ModularServer(WebServer web, RuntimeSettings runtime, WebApplication? admin, ILoggerFactory loggers, ProcessTelemetry telemetry, IReadOnlyList<string> plugins)
    {
        this.web = web;
        this.telemetry = telemetry;
        this.runtime = runtime;
        this.admin = admin;
        this.loggers = loggers;
        Plugins = plugins;
    }

    /// <summary>The addresses the web server is listening on, e.g. http://127.0.0.1:8080; none while it is stopped.</summary>
    public IReadOnlyList<Uri> Addresses => web.Addresses;

    /// <summary>The admin API's address (http://127.0.0.1:2080), or null when adminAddress is off.</summary>
    public Uri? AdminAddress => admin is null ? null : ListeningAddresses.Of(admin)[0];

    /// <summary>The ids of the loaded plugins, in the order of the plugins setting.</summary>
    public IReadOnlyList<string> Plugins { get; }

    /// <summary>Reads the settings, loads the plugins, starts the web server (unless launchAtStartup is false) and the admin API;
    /// throws <see cref="StartupException"/> with every problem found.</summary>
    /// <remarks>Nothing is written to disk (home page, self-signed pair) unless the web server ends up listening.</remarks>
    public static async Task<ModularServer> StartAsync(StartOptions options, CancellationToken cancellationToken = default)
    {
        var loggers = HostLogging.Create();
        WebServer? web = null;
        RuntimeSettings? runtime = null;
        ProcessTelemetry? telemetry = null;
        try
        {
            var plan = StartupPlan.Read(options);
            if (plan.Problems.Count > 0)
            {
                throw new StartupException(plan.Problems);
            }
            var store = new SettingsStore(plan.Catalog, plan.Snapshot);
            var state = new ProcessState(store, new StaticPageCache(), new ServerStatistics(), options.Clock);
            telemetry = new ProcessTelemetry(plan, state, loggers);
            web = new WebServer(plan, state, loggers);
            if (plan.Host.launchAtStartup && await web.StartAsync(cancellationToken).ConfigureAwait(false) is { Count: > 0 } problems)
            {
                throw new StartupException(problems);
            }
            runtime = new RuntimeSettings(store, plan.Input, plan.Plugins, web);
            var admin = await StartAdminAsync(web, state, runtime, plan, telemetry, loggers, cancellationToken).ConfigureAwait(false);
            if (!plan.Host.launchAtStartup)
            {
                loggers.CreateLogger("Modular").WebServerWaiting(plan.Snapshot.Get<AdminSettings>().adminAddress);
            }
            return new ModularServer(web, runtime, admin, loggers, telemetry, plan.Plugins.Names);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (web is not null)
            {
                await web.DisposeAsync().ConfigureAwait(false);
            }
            runtime?.Dispose();
            telemetry?.Dispose();
            loggers.Dispose();
            throw e as StartupException ?? new StartupException([$"the server cannot start: {e.GetType().Name}: {e.Message}"], e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (admin is not null)
        {
            await admin.StopAsync().ConfigureAwait(false);
            await admin.DisposeAsync().ConfigureAwait(false);
        }
        await web.DisposeAsync().ConfigureAwait(false);
        runtime.Dispose();
        telemetry.Dispose();
        loggers.Dispose();
    }

    private static async Task<WebApplication?> StartAdminAsync(WebServer web, ProcessState state, RuntimeSettings runtime, StartupPlan plan, ProcessTelemetry telemetry, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var admin = AdminApi.Build(web, state, runtime, plan.Plugins, telemetry, loggers);
        if (admin is null)
        {
            return null;
        }
        try
        {
            await admin.StartAsync(cancellationToken).ConfigureAwait(false);
            loggers.CreateLogger("Modular").AdminListening(string.Join(", ", ListeningAddresses.Of(admin)));
            return admin;
        }
        catch (IOException e)
        {
            await admin.DisposeAsync().ConfigureAwait(false);
            var address = plan.Snapshot.Get<AdminSettings>().adminAddress;
            throw new StartupException([$"core: adminAddress = '{address}': the admin API cannot listen there ({e.Message}); choose another address or port, or set adminAddress to off."], e);
        }
    }
}
