using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Modular.Abstractions;
using Modular.Host.Content;
using Modular.Host.Listening;
using Modular.Host.Plugins;
using Modular.Host.Settings;

namespace Modular.Host.Hosting;

/// <summary>A running Modular server: Kestrel listeners, plugins and the staged request pipeline, built from one start's settings.</summary>
public sealed class ModularServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ILoggerFactory loggers;

    private ModularServer(WebApplication app, ILoggerFactory loggers, IReadOnlyList<string> plugins)
    {
        this.app = app;
        this.loggers = loggers;
        Plugins = plugins;
    }

    /// <summary>The addresses Kestrel is listening on, e.g. http://127.0.0.1:8080.</summary>
    public IReadOnlyList<Uri> Addresses => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
        .Addresses.Select(address => new Uri(address)).ToList();

    /// <summary>The ids of the loaded plugins, in the order of the plugins setting.</summary>
    public IReadOnlyList<string> Plugins { get; }

    /// <summary>Reads the settings, loads the plugins and starts listening; throws <see cref="StartupException"/> with every problem found.</summary>
    public static async Task<ModularServer> StartAsync(StartOptions options, CancellationToken cancellationToken = default)
    {
        var loggers = HostLogging.Create();
        try
        {
            var server = Build(StartupPlan.Read(options), loggers);
            await server.ListenAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            loggers.Dispose();
            throw;
        }
    }

    /// <summary>Completes when the server has stopped (Ctrl+C, SIGTERM or <see cref="DisposeAsync"/>).</summary>
    public Task WaitForShutdownAsync() => app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        loggers.Dispose();
    }

    private static ModularServer Build(StartupPlan plan, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("Modular");
        var problems = new List<string>(plan.Problems);
        var host = plan.Host;
        var store = new SettingsStore(plan.Catalog, plan.Snapshot);
        TlsCertificate? tls = null;
        if (problems.Count == 0)
        {
            tls = host.HTTPSEnabled ? TlsCertificate.Load(plan.Paths.CertificateFolder, host.cipherSuite, logger, problems) : null;
            WebRoot.Prepare(plan.Paths.RootFolder, host, plan.Paths.RootIsDefault, logger, problems);
        }
        ThrowIfAny(problems);

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = "modular",
            ContentRootPath = plan.Input.BaseDirectory,
        });
        var endpoints = ListenEndpoint.FromSettings(host);
        var binder = new ListenSocketBinder(endpoints);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            foreach (var endpoint in endpoints)
            {
                void Configure(Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions listen)
                {
                    if (endpoint.Secure)
                    {
                        listen.UseHttps(tls!.HandshakeOptions);
                    }
                }
                if (endpoint.Address is null)
                {
                    kestrel.ListenAnyIP(endpoint.Port, Configure);
                }
                else
                {
                    kestrel.Listen(endpoint.Address, endpoint.Port, Configure);
                }
            }
        });
        builder.WebHost.UseSockets(sockets => sockets.CreateBoundListenSocket = binder.Bind);

        var services = builder.Services;
        services.AddSingleton(loggers);
        services.AddSingleton(store);
        foreach (var (_, type) in plan.Catalog.Classes)
        {
            var monitor = typeof(SettingsMonitor<>).MakeGenericType(type);
            services.AddSingleton(monitor, provider => Activator.CreateInstance(monitor, store)!);
            services.AddSingleton(typeof(Microsoft.Extensions.Options.IOptionsMonitor<>).MakeGenericType(type), provider => provider.GetRequiredService(monitor));
            services.AddSingleton(typeof(Microsoft.Extensions.Options.IOptions<>).MakeGenericType(type), provider => provider.GetRequiredService(monitor));
        }
        var root = new RootFileProvider(plan.Paths.RootFolder);
        services.AddSingleton(root);

        var pipeline = new PipelineBuilder();
        foreach (var plugin in plan.Plugins.Loaded)
        {
            ConfigurePlugin(plugin, services, pipeline, store, loggers, problems);
        }
        ThrowIfAny(problems);

        var app = builder.Build();
        foreach (var stage in Enum.GetValues<PipelineStage>())
        {
            pipeline.Apply(app, stage);
            if (stage == PipelineStage.Content)
            {
                StaticContent.Use(app, root, store);
            }
        }
        return new ModularServer(app, loggers, plan.Plugins.Names);
    }

    private static void ConfigurePlugin(LoadedPlugin plugin, IServiceCollection services, PipelineBuilder pipeline, SettingsStore store, ILoggerFactory loggers, List<string> problems)
    {
        var step = nameof(IModularPlugin.ConfigureServices);
        try
        {
            plugin.Instance.ConfigureServices(new PluginContext(plugin, store, loggers), services);
            step = nameof(IModularPlugin.Configure);
            plugin.Instance.Configure(pipeline);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var cause = PluginLoader.Unwrap(e);
            problems.Add($"{plugin.Folder.Describe(plugin.EntryFile)}: {step} threw {cause.GetType().Name}: {cause.Message}");
        }
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (FindBindError(e) is { } bind)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new StartupException([bind.Message], e);
        }
        var logger = loggers.CreateLogger("Modular");
        logger.Listening(string.Join(", ", Addresses), Plugins.Count == 0 ? "none" : string.Join(", ", Plugins));
    }

    private static ListenerBindException? FindBindError(Exception? e) => e switch
    {
        null => null,
        ListenerBindException bind => bind,
        AggregateException aggregate => aggregate.InnerExceptions.Select(FindBindError).FirstOrDefault(found => found is not null),
        _ => FindBindError(e.InnerException),
    };

    private static void ThrowIfAny(List<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new StartupException(problems);
        }
    }
}
