using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Modular.Abstractions;
using Modular.Plugins.ProjectServer;
using Modular.Plugins.ProjectServer.Client;
using Modular.Plugins.ProjectServer.CommandLine;
using Modular.Plugins.ProjectServer.Discovery;
using Modular.Plugins.ProjectServer.Packages;
using Modular.Plugins.ProjectServer.Service;
using Modular.Plugins.ProjectServer.Sessions;
using Modular.Plugins.ProjectServer.Settings;

[assembly: ModularPlugin(typeof(ProjectServerPlugin), Settings = [typeof(ProjectServerOptions)])]

namespace Modular.Plugins.ProjectServer;

/// <summary>4D Server's client/server publication: projects packaged for remote clients and served on publishingPort, with a
/// remote user session per connection (spec/clientServer-rendered.txt; spec/NOTES.md, Client/server).</summary>
public sealed class ProjectServerPlugin : IModularPlugin, IAdminEndpoints, ICommandLineVerbs
{
    private DiscoveryCounts? discoveryCounts;

    public string Name => "projectserver";

    /// <summary><c>modular remote …</c> (a remote client) and <c>modular project reload NAME</c>.</summary>
    public IReadOnlyList<CommandLineVerb> Verbs => RemoteVerbs.All(RemoteFolders.ForCurrentUser);

    public void ConfigureServices(IPluginContext context, IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = context.GetSettings<ProjectServerOptions>();
        // Checked here so that a wrong folder stops the start with its name, instead of failing later in a service.
        var folders = ProjectFolder.Resolve(options.projects, options.publicationName, context.SettingsFolder);
        // Once per process: the meter outlives each start of the web server, and so does its instrument.
        discoveryCounts ??= new DiscoveryCounts(context.Meter);
        services.AddSingleton(discoveryCounts);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new ProjectCatalog(folders, provider.GetRequiredService<ILogger<ProjectCatalog>>()));
        services.AddSingleton<RemoteUserSessions>();
        services.AddSingleton<IRemoteUserSessions>(provider => provider.GetRequiredService<RemoteUserSessions>());
        if (folders.Count == 0)
        {
            // Nothing to publish: no port is opened, as when 4D Server has no project to serve.
            return;
        }
        services.AddSingleton<DiscoveryResponder>();
        services.AddSingleton<PublishingService>();
        services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<PublishingService>());
    }

    public void Configure(IPipelineBuilder pipeline)
    {
    }

    public void MapAdmin(IAdminRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.Map("GET", "projects", ProjectServerAdmin.ProjectsAsync);
        routes.Map("POST", "projects/{name}/reload", ProjectServerAdmin.ReloadAsync);
        routes.Map("GET", "sessions", ProjectServerAdmin.SessionsAsync);
        routes.Map("DELETE", "sessions/{id}", ProjectServerAdmin.EndSessionAsync);
        routes.Map("GET", "discovery", ProjectServerAdmin.DiscoveryAsync);
    }
}
