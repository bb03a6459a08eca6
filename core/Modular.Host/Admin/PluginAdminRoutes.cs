using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Modular.Abstractions;
using Modular.Host.Hosting;

namespace Modular.Host.Admin;

/// <summary>A plugin's admin endpoints (contract 1.3), under /plugins/&lt;id&gt;/, run against the running web server's services.</summary>
internal sealed class PluginAdminRoutes(IEndpointRouteBuilder admin, WebServer web, string plugin, ILogger logger) : IAdminRoutes
{
    private static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete];

    public void Map(string method, string pattern, RequestDelegate handler)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(handler);
        var verb = Methods.FirstOrDefault(known => string.Equals(known, method, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Plugin {plugin}: admin endpoint method '{method}' is not one of {string.Join(", ", Methods)}.", nameof(method));
        var path = $"/plugins/{plugin}/{pattern.TrimStart('/')}";
        admin.MapMethods(path, [verb], context => InvokeAsync(context, handler));
    }

    private async Task InvokeAsync(HttpContext context, RequestDelegate handler)
    {
        if (web.Services is not { } services)
        {
            await AdminJson.ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, $"the web server is stopped and plugin {plugin}'s endpoints run in it; start it with POST /server/start").ConfigureAwait(false);
            return;
        }
        var adminServices = context.RequestServices;
        try
        {
            await using var scope = services.CreateAsyncScope();
            context.RequestServices = scope.ServiceProvider;
            await handler(context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SessionUnavailableException or ObjectDisposedException && !context.Response.HasStarted)
        {
            // ObjectDisposedException: the web server stopped while the endpoint ran.
            context.RequestServices = adminServices;
            await AdminJson.ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, $"{plugin}: {e.Message}").ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException && !context.Response.HasStarted)
        {
            context.RequestServices = adminServices;
            logger.PluginAdminFailed(e, context.Request.Method, context.Request.Path, plugin);
            await AdminJson.ErrorAsync(context, StatusCodes.Status500InternalServerError, $"{plugin}: {e.GetType().Name}: {e.Message}").ConfigureAwait(false);
        }
        finally
        {
            context.RequestServices = adminServices;
        }
    }
}
