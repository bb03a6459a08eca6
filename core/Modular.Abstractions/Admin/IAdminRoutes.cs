using Microsoft.AspNetCore.Http;

namespace Modular.Abstractions;

/// <summary>Where a plugin adds its admin endpoints (contract 1.3): they answer under <c>/plugins/&lt;plugin id&gt;/</c> on the
/// admin listener, behind the admin API's own access rule (loopback, or the bearer token when adminToken is set).</summary>
public interface IAdminRoutes
{
    /// <summary>Answers <paramref name="method"/> on <c>/plugins/&lt;id&gt;/<paramref name="pattern"/></c>.</summary>
    /// <param name="method">GET, POST, PUT, PATCH or DELETE.</param>
    /// <param name="pattern">An ASP.NET route template ("sessions/{id}"); its values are in <c>context.Request.RouteValues</c>.</param>
    /// <param name="handler">Runs with <c>context.RequestServices</c> set to the running web server's services, the plugin's
    /// own among them. While the web server is stopped the admin API answers 503 without calling it; a
    /// <see cref="SessionUnavailableException"/> it throws becomes 503, any other exception 500, both in the admin API's error shape <c>{"errors": […]}</c>.</param>
    void Map(string method, string pattern, RequestDelegate handler);
}
