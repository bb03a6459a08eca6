using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Hello;

/// <summary>Answers GET on helloPath with the greeting; passes every other request on.</summary>
public sealed class HelloMiddleware(RequestDelegate next, IOptionsMonitor<HelloSettings> settings)
{
    public Task InvokeAsync(HttpContext context)
    {
        // CurrentValue, not a copy taken in the constructor: settings may change while running.
        var current = settings.CurrentValue;
        if (!HttpMethods.IsGet(context.Request.Method) || context.Request.Path != current.helloPath)
        {
            return next(context);
        }
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(string.Join('\n', Enumerable.Repeat(current.helloGreeting, current.helloRepeat)));
    }
}
