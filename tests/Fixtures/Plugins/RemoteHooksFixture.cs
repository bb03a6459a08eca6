using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Modular.Abstractions;
using Modular.Fixtures.RemoteHooks;

[assembly: ModularPlugin(typeof(RemoteHooksFixture))]

namespace Modular.Fixtures.RemoteHooks;

/// <summary>A third party's handlers of On Server Open / Shutdown Connection: one fills the session's storage and records the
/// events, one always throws. GET /hooks/events lists what happened; GET /hooks/storage?id= shows a session's storage.</summary>
public sealed class RemoteHooksFixture : IModularPlugin
{
    public string Name => "remotehooks";

    public void ConfigureServices(IPluginContext context, IServiceCollection services)
    {
        services.AddSingleton<EventLog>();
        // The throwing one first: the recording one after it must still run.
        services.AddSingleton<IRemoteConnectionHandler, ThrowingHandler>();
        services.AddSingleton<IRemoteConnectionHandler, RecordingHandler>();
    }

    public void Configure(IPipelineBuilder pipeline) => pipeline.Use(PipelineStage.Endpoints, app => app.Use(async (context, next) =>
    {
        var path = context.Request.Path.Value;
        if (path == "/hooks/events")
        {
            await context.Response.WriteAsync(string.Join("\n", context.RequestServices.GetRequiredService<EventLog>().Events));
        }
        else if (path == "/hooks/storage")
        {
            var session = context.RequestServices.GetRequiredService<IRemoteUserSessions>().Find(context.Request.Query["id"].ToString());
            var all = session is null ? null : await session.Storage.GetAllAsync();
            await context.Response.WriteAsync(all is null ? "(no session)" : string.Join(";", all.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}={pair.Value}")));
        }
        else
        {
            await next(context);
        }
    }));

    internal sealed class EventLog
    {
        public ConcurrentQueue<string> Events { get; } = new();
    }

    internal sealed class RecordingHandler(EventLog log) : IRemoteConnectionHandler
    {
        public async Task OnServerOpenConnectionAsync(IRemoteUserSession session, CancellationToken cancellationToken)
        {
            await session.Storage.SetAsync("greeted", session.Info.UserName, cancellationToken);
            log.Events.Enqueue($"open {session.Id} {session.Project} {session.Info.UserName} {session.Info.MachineName} {session.Info.IPAddress} {session.Info.State}");
        }

        public Task OnServerShutdownConnectionAsync(IRemoteUserSession session, CancellationToken cancellationToken)
        {
            log.Events.Enqueue($"shutdown {session.Id} {session.Info.State}");
            return Task.CompletedTask;
        }
    }

    internal sealed class ThrowingHandler : IRemoteConnectionHandler
    {
        public Task OnServerOpenConnectionAsync(IRemoteUserSession session, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the open handler failed on purpose");

        public Task OnServerShutdownConnectionAsync(IRemoteUserSession session, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the shutdown handler failed on purpose");
    }
}
