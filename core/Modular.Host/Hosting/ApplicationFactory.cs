using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Abstractions;
using Modular.Host.Caching;
using Modular.Host.Connection;
using Modular.Host.Content;
using Modular.Host.Listening;
using Modular.Host.Plugins;
using Modular.Host.Proxy;
using Modular.Host.Sessions;
using Modular.Host.Settings;
using Modular.Host.Telemetry;

namespace Modular.Host.Hosting;

/// <summary>Builds the ASP.NET Core application of one start: listeners, settings and plugin services, and the staged pipeline.</summary>
internal static class ApplicationFactory
{
    /// <summary>The application, not yet listening; throws <see cref="StartupException"/> with every problem found.</summary>
    /// <param name="proxyAllowed">False to leave the reverse proxy out even when the settings file has its section (one refused).</param>
    /// <param name="proxySectionAdded">Called when the settings file gains a ReverseProxy section the application was built without.</param>
    public static WebApplication Build(StartupPlan plan, ProcessState state, TlsCertificate? tls, ILoggerFactory loggers, bool proxyAllowed, Action proxySectionAdded)
    {
        var store = state.Store;
        var snapshot = store.Current;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = "modular",
            ContentRootPath = plan.Input.BaseDirectory,
        });
        KestrelListeners.Configure(builder.WebHost, ListenEndpoint.FromSettings(snapshot.Get<HostSettings>()), snapshot.Get<ConnectionSettings>(), tls);
        // shutdownTimeout governs a stop (WebServer.DrainAsync), read when the stop comes; the host's own limit stays out of its way.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = Timeout.InfiniteTimeSpan);
        // Plugins add their readiness checks here (the sessions plugin's Redis); the admin listener's /readyz runs them.
        builder.Services.AddHealthChecks();
        if (tls is not null)
        {
            // For plugins serving TLS on a listener of their own (projectserver's publishing port).
            builder.Services.AddSingleton<IServerTls>(tls);
        }
        // No console lifetime here: the web server stops and starts inside the process (admin API); the
        // process's own signals (Ctrl+C, SIGTERM) are handled by the command line, which stops it draining.

        // Both hold a file watcher: the container disposes them with the application (started or not), this method when it fails.
        var root = new RootFileProvider(plan.Paths.RootFolder);
        var proxySection = new ReverseProxySection(plan.Input.FilePath);
        try
        {
            return Build(plan, state, builder, root, proxySection, proxyAllowed && proxySection.IsPresent ? null : proxySectionAdded, loggers);
        }
        catch
        {
            root.Dispose();
            proxySection.Dispose();
            throw;
        }
    }

    /// <param name="proxySectionAdded">Null to add the reverse proxy; otherwise the application goes without it and this is called
    /// when a section appears. YARP costs about 11 MB of idle memory (bench/run.sh), which a server that proxies nothing should not pay.</param>
    private static WebApplication Build(StartupPlan plan, ProcessState state, WebApplicationBuilder builder, RootFileProvider root, ReverseProxySection proxySection, Action? proxySectionAdded, ILoggerFactory loggers)
    {
        var store = state.Store;
        builder.Services.AddSingleton(loggers).AddModularSettings(store)
            .AddSingleton(state.Statistics).AddSingleton<RequestsInFlight>()
            .AddSingleton(state.Cache)
            .AddSingleton<IStaticPageCache, StaticPageCacheView>()
            .AddSingleton(state.Clock)
            .AddSingleton<ISessionAccessor, SessionAccessor>()
            .AddSingleton<DeclaredCharset>()
            .AddSingleton(_ => root)
            .AddSingleton(provider => new CachingFileProvider(root, provider.GetRequiredService<StaticPageCache>(), provider.GetRequiredService<IOptionsMonitor<StaticCacheSettings>>()));
        builder.Services.AddSingleton(_ => proxySection);
        if (proxySectionAdded is null)
        {
            ReverseProxy.AddServices(builder.Services, proxySection);
        }
        else
        {
            builder.Services.AddSingleton(_ => new ProxySectionWatch(proxySection.WhenPresent(proxySectionAdded)));
        }

        var problems = new List<string>();
        var pipeline = new PipelineBuilder();
        foreach (var plugin in plan.Plugins.Loaded)
        {
            ConfigurePlugin(plugin, builder.Services, pipeline, store, plan.Input.BaseDirectory, loggers, problems);
        }
        if (problems.Count > 0)
        {
            throw new StartupException(problems);
        }

        var app = builder.Build();
        // Resolved now: the container disposes what it handed out, and these must end with the application.
        app.Services.GetRequiredService<RootFileProvider>();
        app.Services.GetRequiredService<ReverseProxySection>();
        app.Services.GetService<ProxySectionWatch>();
        foreach (var stage in Enum.GetValues<PipelineStage>())
        {
            UseCoreBefore(app, stage, plan.Plugins.Loaded.Count > 0, proxySectionAdded is null);
            pipeline.Apply(app, stage);
            if (stage == PipelineStage.Content)
            {
                StaticContent.Use(app, app.Services.GetRequiredService<CachingFileProvider>());
            }
        }
        return app;
    }

    /// <summary>The core's own middleware of a stage, ahead of what plugins add there (ARCHITECTURE.md, pipeline stages).</summary>
    private static void UseCoreBefore(WebApplication app, PipelineStage stage, bool pluginsLoaded, bool proxying)
    {
        switch (stage)
        {
            // The core's own text responses declare the charset where they set their type; only a
            // plugin may write one that does not, and a per-response callback is not free (bench/run.sh).
            case PipelineStage.Telemetry:
                app.UseMiddleware<DebugLogRecorder>();
                if (pluginsLoaded)
                {
                    app.UseMiddleware<CharsetDeclaration>();
                }
                break;
            case PipelineStage.Connection:
                // Cheapest refusals first: header-only rules, then the concurrency cap, then TRACE (which does work).
                app.UseMiddleware<ConnectionRules>();
                app.UseMiddleware<TraceMethod>();
                break;
            case PipelineStage.Endpoints:
                app.UseMiddleware<StatisticsPages>();
                break;
            case PipelineStage.Proxy when proxying:
                ReverseProxy.Use(app);
                break;
        }
    }

    private static void ConfigurePlugin(LoadedPlugin plugin, IServiceCollection services, PipelineBuilder pipeline, SettingsStore store, string settingsFolder, ILoggerFactory loggers, List<string> problems)
    {
        var step = nameof(IModularPlugin.ConfigureServices);
        try
        {
            plugin.Instance.ConfigureServices(new PluginContext(plugin, store, settingsFolder, loggers), services);
            step = nameof(IModularPlugin.Configure);
            plugin.Instance.Configure(pipeline.For(plugin));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var cause = PluginLoader.Unwrap(e);
            problems.Add($"{plugin.Folder.Describe(plugin.EntryFile)}: {step} threw {cause.GetType().Name}: {cause.Message}");
        }
    }
}
