using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Modular.Plugins.Sessions;

/// <summary>The operators' endpoints on the admin API: how many sessions are alive, and ending one.</summary>
internal static class SessionAdmin
{
    /// <summary>GET /plugins/sessions/sessions: {"store": "memory", "count": 3}.</summary>
    public static async Task CountAsync(HttpContext context)
    {
        var store = context.RequestServices.GetRequiredService<ISessionStore>();
        var options = context.RequestServices.GetRequiredService<IOptionsMonitor<WebSessionOptions>>().CurrentValue;
        var count = await store.CountAsync(context.RequestAborted).ConfigureAwait(false);
        await context.Response.WriteAsJsonAsync(new { store = options.UsesRedis ? "redis" : "memory", count }, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The most sessions one list shows.</summary>
    private const int ListLimit = 200;

    /// <summary>GET /plugins/sessions/sessions/list: {"sessions": [{"id", "created", "lastAccess", "clientAddress"}], "truncated"},
    /// the most recently used first, at most 200.</summary>
    public static async Task ListAsync(HttpContext context)
    {
        var store = context.RequestServices.GetRequiredService<ISessionStore>();
        var sessions = await store.ListAsync(ListLimit + 1, context.RequestAborted).ConfigureAwait(false);
        await context.Response.WriteAsJsonAsync(new
        {
            sessions = sessions.Take(ListLimit).Select(session => new
            {
                id = session.Id,
                created = session.Info.Created,
                lastAccess = session.Info.LastAccess,
                clientAddress = session.Info.ClientAddress,
            }),
            truncated = sessions.Count > ListLimit,
        }, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>DELETE /plugins/sessions/sessions/{id}: ends it; its cookie then gets a new session, as an expired one does.</summary>
    public static async Task EndAsync(HttpContext context)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        if (!SessionId.IsWellFormed(id))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, $"'{id}' is not a session id: 32 lowercase hexadecimal digits, as the session cookie carries").ConfigureAwait(false);
            return;
        }
        var store = context.RequestServices.GetRequiredService<ISessionStore>();
        if (!await store.EndAsync(id, context.RequestAborted).ConfigureAwait(false))
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, $"no session {id}: it ended already or never was").ConfigureAwait(false);
            return;
        }
        await context.Response.WriteAsJsonAsync(new { ended = id }, context.RequestAborted).ConfigureAwait(false);
    }

    private static Task ErrorAsync(HttpContext context, int status, string error)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { errors = new[] { error } }, context.RequestAborted);
    }
}
