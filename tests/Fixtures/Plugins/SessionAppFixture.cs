using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Modular.Abstractions;

[assembly: ModularPlugin(typeof(SessionAppFixture.SessionAppFixture))]

namespace SessionAppFixture;

/// <summary>An application using sessions through <see cref="ISessionAccessor"/>, as a third party's plugin would:
/// /session/info, /session/get?key=, /session/set?key=&amp;value=, /session/all, /session/work (holds the IdleWork token),
/// /session/work-state and /session/echo?value= (writes the value to storage and answers it read back; answers it as it is
/// without a session), each naming the machine that answered in X-Served-By; /plain never asks for the session; /slow?ms=N answers
/// after N milliseconds.</summary>
public sealed class SessionAppFixture : IModularPlugin
{
    private static readonly ConcurrentDictionary<string, string> WorkStates = new();

    public string Name => "sessionapp";

    public void ConfigureServices(IPluginContext context, IServiceCollection services)
    {
    }

    public void Configure(IPipelineBuilder pipeline) => pipeline.Use(PipelineStage.Endpoints, app =>
    {
        app.Map("/plain", branch => branch.Run(context => context.Response.WriteAsync("plain")));
        app.Map("/slow", branch => branch.Run(async context =>
        {
            // A request still in flight when the instance is told to stop (SIGTERM, scale-in); the delay ignores the request's
            // abort on purpose, so that only the server's own shutdown rules decide whether the answer gets out.
            context.Response.Headers["X-Served-By"] = Environment.MachineName;
            var milliseconds = int.TryParse(context.Request.Query["ms"], CultureInfo.InvariantCulture, out var asked) ? Math.Clamp(asked, 0, 60_000) : 1000;
            await Task.Delay(milliseconds, CancellationToken.None);
            await context.Response.WriteAsync("slow");
        }));
        app.Map("/session", branch => branch.Run(async context =>
        {
            // Which instance answered, for the tests running several behind a proxy.
            context.Response.Headers["X-Served-By"] = Environment.MachineName;
            var session = await context.RequestServices.GetRequiredService<ISessionAccessor>().GetAsync(context);
            if (context.Request.Path.Value == "/echo")
            {
                // The benchmark's request: one write and one read of the session's storage, or neither without a session.
                var value = context.Request.Query["value"].ToString();
                if (session is not null)
                {
                    await session.Storage.SetAsync("echo", value);
                    value = await session.Storage.GetAsync("echo") ?? "";
                }
                await context.Response.WriteAsync(value);
                return;
            }
            if (session is null)
            {
                await context.Response.WriteAsync("no session");
                return;
            }
            var key = context.Request.Query["key"].ToString();
            switch (context.Request.Path.Value)
            {
                case "/info":
                    var info = session.Info;
                    await context.Response.WriteAsync(string.Join('|', session.Id, info.Created.ToString("O", CultureInfo.InvariantCulture), info.LastAccess.ToString("O", CultureInfo.InvariantCulture), info.ClientAddress));
                    break;
                case "/get":
                    await context.Response.WriteAsync(await session.Storage.GetAsync(key) ?? "(none)");
                    break;
                case "/set":
                    await session.Storage.SetAsync(key, context.Request.Query["value"].ToString());
                    await context.Response.WriteAsync("ok");
                    break;
                case "/all":
                    var all = await session.Storage.GetAllAsync();
                    await context.Response.WriteAsync(string.Join(',', all.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Key + "=" + pair.Value)));
                    break;
                case "/work":
                    // Work the session runs in the background, ended when the session has been idle too long.
                    WorkStates[session.Id] = "running";
                    var id = session.Id;
                    session.IdleWork.Register(() => WorkStates[id] = "cancelled");
                    await context.Response.WriteAsync("started");
                    break;
                case "/work-state":
                    await context.Response.WriteAsync(WorkStates.TryGetValue(session.Id, out var state) ? state : "none");
                    break;
                default:
                    context.Response.StatusCode = 404;
                    break;
            }
        }));
    });
}
