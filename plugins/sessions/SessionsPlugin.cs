using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Modular.Abstractions;
using Modular.Plugins.Sessions;

[assembly: ModularPlugin(typeof(SessionsPlugin), Settings = [typeof(WebSessionOptions)])]

namespace Modular.Plugins.Sessions;

/// <summary>4D's web sessions: a cookie per client, a session with its storage shared by the client's requests, ended by idleness;
/// kept in memory or in Redis, with operator endpoints on the admin API.</summary>
public sealed class SessionsPlugin : IModularPlugin, IAdminEndpoints
{
    private OpenSessionsGauge? gauge;

    public string Name => "sessions";

    public void ConfigureServices(IPluginContext context, IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Once per process: the meter outlives each start of the web server, and so does its instrument.
        gauge ??= new OpenSessionsGauge(context.Meter);
        services.AddSingleton(gauge);
        services.AddSingleton(provider => new SessionCookie(provider.GetRequiredService<ISettingsView>().Value<string>("sessionCookieName")));
        if (context.GetSettings<WebSessionOptions>().UsesRedis)
        {
            services.AddSingleton<RedisConnection>();
            services.AddSingleton<IHostedService>(provider => provider.GetRequiredService<RedisConnection>());
            services.AddSingleton<ISessionStore, RedisSessionStore>();
            services.AddHealthChecks().AddCheck<RedisHealthCheck>("sessions");
        }
        else
        {
            services.AddSingleton<ISessionStore, MemorySessionStore>();
        }
        services.AddSingleton<IHostedService, SessionSweeper>();
    }

    public void Configure(IPipelineBuilder pipeline) =>
        pipeline.Use(PipelineStage.Session, app => app.UseMiddleware<SessionMiddleware>());

    public void MapAdmin(IAdminRoutes routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        routes.Map("GET", "sessions", SessionAdmin.CountAsync);
        routes.Map("GET", "sessions/list", SessionAdmin.ListAsync);
        routes.Map("DELETE", "sessions/{id}", SessionAdmin.EndAsync);
    }
}
