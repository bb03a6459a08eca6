using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Abstractions;
using Modular.Host.Connection;
using Modular.Host.Hosting;
using Modular.Host.Plugins;
using Modular.Host.Settings;
using Modular.Host.Telemetry;

namespace Modular.Host.Admin;

/// <summary>The admin API: its own Kestrel listener on adminAddress, JSON in and out, over the running server's settings, plugins and cache.</summary>
internal static class AdminApi
{
    /// <summary>The admin application, not yet listening; null when adminAddress is off.</summary>
    public static WebApplication? Build(WebServer web, ProcessState state, RuntimeSettings runtime, PluginSet plugins, ProcessTelemetry telemetry, ILoggerFactory loggers)
    {
        var adminSettings = new SettingsMonitor<AdminSettings>(state.Store);
        if (adminSettings.CurrentValue.IsOff)
        {
            return null;
        }
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "modular-admin" });
        var endpoint = IPEndPoint.Parse(adminSettings.CurrentValue.adminAddress);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(endpoint));
        builder.Services.AddSingleton(loggers).AddSingleton<IOptionsMonitor<AdminSettings>>(adminSettings).AddRoutingCore();
        builder.Services.AddHealthChecks().AddCheck("web server", new WebServerReadiness(web), tags: [AdminHealth.Ready]);
        var app = builder.Build();
        app.UseMiddleware<UnobservedAdminRequests>();
        app.UseMiddleware<AdminAccess>();
        AdminPage.Use(app);
        AdminHealth.Map(app);

        var store = state.Store;
        app.MapGet("/settings", context => AdminJson.WriteAsync(context, new JsonObject
        {
            ["settings"] = new JsonArray([.. SettingsRows.All(store)]),
        }));
        app.MapGet("/settings/{name}", context =>
        {
            var name = (string)context.Request.RouteValues["name"]!;
            return store.Catalog.Find(name) is { } setting
                ? AdminJson.WriteAsync(context, SettingsRows.Row(setting, store.Current))
                : AdminJson.ErrorAsync(context, StatusCodes.Status404NotFound, $"{name} is not a known setting");
        });
        app.MapMethods("/settings", [HttpMethods.Patch, HttpMethods.Put], context => ChangeAsync(context, runtime));
        app.MapGet("/plugins", context => AdminJson.WriteAsync(context, new JsonObject
        {
            ["plugins"] = new JsonArray([.. plugins.Loaded.Select(Describe)]),
        }));
        app.MapPost("/cache/clear", context =>
        {
            state.Cache.Clear();
            return AdminJson.WriteAsync(context, new JsonObject { ["cleared"] = true });
        });
        var log = loggers.CreateLogger("Modular.Admin");
        foreach (var plugin in plugins.Loaded)
        {
            try
            {
                (plugin.Instance as IAdminEndpoints)?.MapAdmin(new PluginAdminRoutes(app, web, plugin.Name, log));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new StartupException([$"plugin {plugin.Name}: its admin endpoints cannot be added: {e.Message}"], e);
            }
        }
        // Prometheus's text format, behind the same access rule (Prometheus scrapes with a bearer token when adminToken is set);
        // the first scrape brings the process's metrics into being (ProcessTelemetry.Metrics says why).
        var scrape = new Lazy<RequestDelegate>(() =>
        {
            var branch = ((IApplicationBuilder)app).New();
            branch.UseOpenTelemetryPrometheusScrapingEndpoint(telemetry.Metrics, _ => true, null, null, null);
            return branch.Build();
        });
        app.MapGet("/metrics", context => scrape.Value(context));
        app.MapGet("/statistics", context => AdminJson.WriteAsync(context, Statistics(state, web)));
        app.MapGet("/server", context => AdminJson.WriteAsync(context, Status(web)));
        app.MapPost("/server/stop", async context =>
        {
            var stopped = await web.StopAsync();
            await AdminJson.WriteAsync(context, new JsonObject
            {
                ["success"] = stopped,
                ["errors"] = stopped ? new JsonArray() : new JsonArray("the web server is not running"),
            }, stopped ? StatusCodes.Status200OK : StatusCodes.Status409Conflict);
        });
        app.MapPost("/server/start", async context =>
        {
            var errors = await web.StartAsync(context.RequestAborted);
            var running = web.IsRunning && errors.Count == 0;
            await AdminJson.WriteAsync(context, new JsonObject
            {
                ["success"] = running,
                ["errors"] = AdminJson.Texts(errors),
                ["addresses"] = AdminJson.Texts(web.Addresses.Select(address => address.ToString())),
            }, running ? StatusCodes.Status200OK : StatusCodes.Status409Conflict);
        });
        return app;
    }

    private static JsonObject Status(WebServer web) => new()
    {
        ["running"] = web.IsRunning,
        ["addresses"] = AdminJson.Texts(web.Addresses.Select(address => address.ToString())),
    };

    private static async Task ChangeAsync(HttpContext context, RuntimeSettings runtime)
    {
        JsonObject? changes;
        try
        {
            changes = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException e)
        {
            await AdminJson.ErrorAsync(context, StatusCodes.Status400BadRequest, $"the body is not JSON: {e.Message}");
            return;
        }
        if (changes is null || changes.Count == 0)
        {
            await AdminJson.ErrorAsync(context, StatusCodes.Status400BadRequest, "the body must be a JSON object of setting names and values, e.g. {\"HTTPCompressionLevel\": 6}");
            return;
        }
        var persist = string.Equals(context.Request.Query["persist"], "true", StringComparison.OrdinalIgnoreCase);
        var outcome = await runtime.ApplyAsync(changes, persist, context.RequestAborted);
        if (outcome.Errors.Count > 0)
        {
            await AdminJson.ErrorAsync(context, StatusCodes.Status400BadRequest, outcome.Errors);
            return;
        }
        await AdminJson.WriteAsync(context, new JsonObject
        {
            ["applied"] = AdminJson.Texts(outcome.Applied),
            ["persisted"] = outcome.Persisted,
        });
    }

    private static JsonObject Describe(LoadedPlugin plugin)
    {
        var assembly = plugin.Instance.GetType().Assembly;
        return new JsonObject
        {
            ["name"] = plugin.Name,
            ["version"] = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? assembly.GetName().Version?.ToString(),
            ["assembly"] = plugin.EntryFile,
        };
    }

    private static JsonObject Statistics(ProcessState state, WebServer web)
    {
        var cache = state.Cache.Statistics(state.Store.Current.Get<StaticCacheSettings>().MaxSizeBytes, htmlOnly: false);
        return new JsonObject
        {
            ["cache"] = new JsonObject
            {
                ["currentSize"] = cache.CurrentSize,
                ["maxSize"] = cache.MaxSize,
                ["maxObjectSize"] = cache.MaxObjectSize,
                ["cachedObjects"] = cache.CachedObjects,
                ["hits"] = cache.Hits,
                ["misses"] = cache.Misses,
            },
            ["requestsRefused"] = state.Statistics.RejectedRequests,
            ["requests"] = state.Statistics.Requests,
            ["inFlight"] = web.Services?.GetService<RequestsInFlight>()?.Count ?? 0,
            ["keepAliveCloses"] = state.Statistics.KeepAliveCloses,
        };
    }
}
