using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Modular.Host.Content;
using Modular.Host.Listening;
using Modular.Host.Plugins;
using Modular.Host.Proxy;
using Modular.Host.Settings;

namespace Modular.Host.Hosting;

/// <summary>The web server inside the process: listeners and pipeline, stopped and started again like 4D's WEB STOP SERVER / WEB START SERVER.</summary>
/// <remarks>Each start builds the application anew from the running settings; plugins stay loaded (they cannot be unloaded).</remarks>
internal sealed class WebServer(StartupPlan plan, ProcessState state, ILoggerFactory loggers) : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ILogger logger = loggers.CreateLogger("Modular");
    private readonly List<Task> draining = [];
    private WebApplication? app;

    /// <summary>A ReverseProxy section added while running could not start: the web server goes on without it until the next edit.
    /// Written under <see cref="gate"/> only.</summary>
    private bool proxyRefused;
    private volatile bool disposed;
    private volatile bool stopping;

    public bool IsRunning => Volatile.Read(ref app) is not null;

    /// <summary>Running and not draining for a stop: what a load balancer's readiness check asks (/readyz).</summary>
    public bool IsReady => IsRunning && !stopping;

    /// <summary>The running application's services (the plugins' among them); null while stopped.</summary>
    public IServiceProvider? Services => Volatile.Read(ref app)?.Services;

    /// <summary>The addresses listened on; none while stopped.</summary>
    public IReadOnlyList<Uri> Addresses => Volatile.Read(ref app) is { } running ? ListeningAddresses.Of(running) : [];

    /// <summary>Builds and starts the web server from the running settings; every problem when it cannot (it is then not running).</summary>
    public async Task<IReadOnlyList<string>> StartAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (app is not null)
            {
                return ["the web server is already running; stop it first"];
            }
            var (started, problems) = await LaunchAsync(cancellationToken).ConfigureAwait(false);
            if (started is not null)
            {
                Use(started);
            }
            return problems;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Moves a running web server to the listeners the running settings now describe, without cutting requests in flight.</summary>
    /// <remarks>
    /// On other ports, the new listeners open first and the old ones then drain in the background:
    /// no connection is refused. On a port the old listeners hold, they must drain first, so new
    /// connections are refused until the old requests have finished. Stopped: nothing to do, the next start reads the settings.
    /// </remarks>
    public async Task<IReadOnlyList<string>> RebindAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (app is not { } old)
            {
                return [];
            }
            var oldPorts = ListeningAddresses.Of(old).Select(address => address.Port).ToHashSet();
            var newPorts = ListenEndpoint.FromSettings(state.Store.Current.Get<HostSettings>()).Select(endpoint => endpoint.Port);
            if (newPorts.Any(oldPorts.Contains))
            {
                await DrainAsync(old).ConfigureAwait(false);
                Volatile.Write(ref app, null);
            }
            var (started, problems) = await LaunchAsync(cancellationToken).ConfigureAwait(false);
            if (started is null)
            {
                return problems;
            }
            if (app is not null)
            {
                lock (draining)
                {
                    draining.Add(DrainAsync(old));
                }
            }
            Use(started);
            return [];
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The settings file gained a ReverseProxy section the running application was built without: it starts again with the
    /// reverse proxy, as a listener move on the same ports does (requests in flight finish first); a section that cannot start is
    /// logged, and the web server starts again without it until the next edit.</summary>
    private async Task AddReverseProxyAsync()
    {
        try
        {
            await gate.WaitAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The process is ending.
            return;
        }
        try
        {
            // A file watcher may report one edit twice; a stopped server reads the section at its next start.
            if (disposed || app is not { } old || old.Services.GetService<ProxySectionWatch>() is null)
            {
                return;
            }
            var file = plan.Input.FilePath;
            var proxyLogger = loggers.CreateLogger("Modular.Proxy");
            proxyLogger.ProxySectionAdded(file);
            proxyRefused = false;
            await DrainAsync(old).ConfigureAwait(false);
            Volatile.Write(ref app, null);
            var (started, problems) = await LaunchAsync(CancellationToken.None).ConfigureAwait(false);
            if (started is null)
            {
                proxyRefused = true;
                proxyLogger.ProxySectionRefused(file, string.Join("; ", problems));
                (started, problems) = await LaunchAsync(CancellationToken.None).ConfigureAwait(false);
            }
            if (started is null)
            {
                logger.WebServerNotRestarted(string.Join("; ", problems));
                return;
            }
            Use(started);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Builds and starts an application from the running settings, changing nothing else; the problems when it cannot.</summary>
    private async Task<(WebApplication? App, IReadOnlyList<string> Problems)> LaunchAsync(CancellationToken cancellationToken)
    {
        var host = state.Store.Current.Get<HostSettings>();
        var problems = new List<string>();
        var tls = host.HTTPSEnabled ? TlsCertificate.Load(plan.Paths.CertificateFolder, host.cipherSuite, logger, problems) : null;
        WebRoot.EnsureFolder(plan.Paths.RootFolder, host, plan.Paths.RootIsDefault, problems);
        if (problems.Count > 0)
        {
            return (null, problems);
        }
        WebApplication? built = null;
        try
        {
            built = ApplicationFactory.Build(plan, state, tls, loggers, !proxyRefused, () => _ = Task.Run(AddReverseProxyAsync));
            await built.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            if (built is not null)
            {
                await built.DisposeAsync().ConfigureAwait(false);
            }
            return (null, Explain(e).Errors);
        }
        tls?.SaveGenerated(logger);
        WebRoot.WriteDefaultHomePage(plan.Paths.RootFolder, host, logger);
        return (built, []);
    }

    private void Use(WebApplication started)
    {
        Volatile.Write(ref app, started);
        logger.Listening(string.Join(", ", Addresses), plan.Plugins.Names.Count == 0 ? "none" : string.Join(", ", plan.Plugins.Names));
    }

    /// <summary>No new connections; the requests in flight finish within shutdownTimeout (their connections are closed past it),
    /// then the application is gone.</summary>
    private async Task DrainAsync(WebApplication old)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(state.Store.Current.Get<HostSettings>().shutdownTimeout));
        try
        {
            await old.StopAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Past shutdownTimeout: Kestrel has closed the connections still open.
        }
        await old.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Stops accepting connections and lets the requests in flight finish; false when it was not running.</summary>
    public async Task<bool> StopAsync()
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (app is not { } running)
            {
                return false;
            }
            stopping = true;
            try
            {
                await DrainAsync(running).ConfigureAwait(false);
            }
            finally
            {
                stopping = false;
            }
            Volatile.Write(ref app, null);
            // The same stop ends the process (SIGTERM, Ctrl+C): its last line must not say the process keeps running.
            if (disposed)
            {
                logger.WebServerStoppedForExit();
            }
            else
            {
                logger.WebServerStopped();
            }
            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        disposed = true;
        await StopAsync().ConfigureAwait(false);
        Task[] left;
        lock (draining)
        {
            left = [.. draining];
        }
        await Task.WhenAll(left).ConfigureAwait(false);
        gate.Dispose();
    }

    /// <summary>Any failure to start as a <see cref="StartupException"/> saying what failed, and in which plugin when one threw.</summary>
    private StartupException Explain(Exception e) => e switch
    {
        StartupException startup => startup,
        _ when FindBindError(e) is { } bind => new StartupException([bind.Message], e),
        _ when PluginBlame.Find(e, plan.Plugins.Loaded) is { } plugin =>
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
