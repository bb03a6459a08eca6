using Microsoft.AspNetCore.Http;

namespace Modular.Abstractions;

/// <summary>How plugins and the application reach the session of a request (contract 1.2); the host registers it.</summary>
public interface ISessionAccessor
{
    /// <summary>The request's session: found through its cookie, or made (with a new cookie) when the client has none, or
    /// one unknown or expired. Null when no plugin keeps sessions or <c>keepSession</c> is false.</summary>
    /// <remarks>Call it before the response starts the first time in a request: a new session's cookie goes in the
    /// response headers. Throws <see cref="SessionUnavailableException"/> when the session store cannot be reached.</remarks>
    ValueTask<IWebSession?> GetAsync(HttpContext context);
}
