using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Modular.Host.Settings;

namespace Modular.Host.Content;

/// <summary>Serves <c>defaultHomepage</c> for '/', and only for '/' (4D's home page is not a per-folder index).</summary>
internal sealed class HomePageRewrite(RequestDelegate next, IOptionsMonitor<HostSettings> settings)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.Value == "/")
        {
            context.Request.Path = "/" + settings.CurrentValue.defaultHomepage;
        }
        return next(context);
    }
}
