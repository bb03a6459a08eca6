using Microsoft.AspNetCore.Http;

namespace Modular.Host.Content;

/// <summary>Declares <c>characterSet</c> on every text response that does not declare a charset itself (4D's Character Set setting).</summary>
internal sealed class CharsetDeclaration
{
    private readonly RequestDelegate next;
    private readonly Func<object, Task> declare;

    public CharsetDeclaration(RequestDelegate next, DeclaredCharset charset)
    {
        this.next = next;
        // One delegate for all requests: registering it allocates nothing per request beyond the callback entry.
        declare = state =>
        {
            charset.Declare(((HttpContext)state).Response);
            return Task.CompletedTask;
        };
    }

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(declare, context);
        return next(context);
    }
}
