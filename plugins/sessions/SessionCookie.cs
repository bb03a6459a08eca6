using Microsoft.AspNetCore.Http;

namespace Modular.Plugins.Sessions;

/// <summary>The session cookie, 4DSID_&lt;name&gt;: HttpOnly, SameSite as set, Secure on HTTPS, living inactiveSessionTimeout from its last use.</summary>
internal sealed class SessionCookie(string name)
{
    /// <summary>The core's read-only sessionCookieName, 4DSID_&lt;name&gt;.</summary>
    public string Name { get; } = name;

    /// <summary>The id the request's cookie carries, when it can be one.</summary>
    public string? Read(HttpRequest request) => request.Cookies.TryGetValue(Name, out var value) && SessionId.IsWellFormed(value) ? value : null;

    /// <summary>Sets (or renews, which makes the lifetime slide) the cookie on the response.</summary>
    /// <exception cref="InvalidOperationException">The response has started: its headers are gone.</exception>
    public void Write(HttpContext context, string id, WebSessionOptions options)
    {
        if (context.Response.HasStarted)
        {
            throw new InvalidOperationException($"The session of a request was first asked for after its response started, too late for the {Name} cookie: ask ISessionAccessor before writing the response.");
        }
        context.Response.Cookies.Append(Name, id, new CookieOptions
        {
            Path = "/",
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = options.SameSite,
            MaxAge = options.SessionLifetime,
        });
    }
}
