using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Modular.Abstractions;

namespace Modular.Plugins.Sessions;

/// <summary>The session feature of one request: the store is asked only when someone needs the session, and once.</summary>
internal sealed class RequestSession(HttpContext context, ISessionStore store, SessionCookie cookie, IOptionsMonitor<WebSessionOptions> options) : IWebSessionFeature
{
    private Task<IWebSession>? session;

    public ValueTask<IWebSession> GetAsync() => new(session ??= ResolveAsync());

    private async Task<IWebSession> ResolveAsync()
    {
        var current = options.CurrentValue;
        var client = ClientAddress(context);
        var aborted = context.RequestAborted;
        if (cookie.Read(context.Request) is { } id && await store.FindAsync(id, aborted).ConfigureAwait(false) is { } found
            && (!current.sessionIPAddressValidation || found.Info.ClientAddress == client))
        {
            // Renewed on each use: the cookie's lifetime slides with the session's.
            cookie.Write(context, found.Id, current);
            return found;
        }
        // No cookie, or one for a session that is unknown, expired or another client's: a new id, never the one presented.
        var made = await store.CreateAsync(client, aborted).ConfigureAwait(false);
        cookie.Write(context, made.Id, current);
        return made;
    }

    private static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString() : "";
}
