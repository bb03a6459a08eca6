using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Modular.Abstractions;
using Modular.Plugins.Sessions;

[assembly: ModularPlugin(typeof(SessionsPlugin), Settings = [typeof(WebSessionOptions)])]

namespace Modular.Plugins.Sessions;

/// <summary>4D's web sessions: a cookie per client, a session with its storage shared by the client's requests, ended by idleness.</summary>
public sealed class SessionsPlugin : IModularPlugin
{
    public string Name => "sessions";

    public void ConfigureServices(IPluginContext context, IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(context);
        services.AddSingleton(provider => new SessionCookie(provider.GetRequiredService<ISettingsView>().Value<string>("name")!));
        services.AddSingleton<MemorySessionStore>();
        services.AddSingleton<ISessionStore>(provider => provider.GetRequiredService<MemorySessionStore>());
        services.AddSingleton<IHostedService, SessionSweeper>();
    }

    public void Configure(IPipelineBuilder pipeline) =>
        pipeline.Use(PipelineStage.Session, app => app.UseMiddleware<SessionMiddleware>());
}
