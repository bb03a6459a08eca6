using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Modular.Host.Caching;
using Modular.Host.Settings;

namespace Modular.Host.Content;

/// <summary>Serves <c>defaultHomepage</c> for '/', and only for '/' (4D's home page is not a per-folder index).</summary>
/// <remarks>Only when the page is there: otherwise '/' stays '/', so that what the root does not serve reaches the reverse proxy
/// as it was asked (a Modular in front of others has no home page of its own).</remarks>
internal sealed class HomePageRewrite(RequestDelegate next, IOptionsMonitor<HostSettings> settings, CachingFileProvider root)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.Value == "/")
        {
            var home = "/" + settings.CurrentValue.defaultHomepage;
            if (root.Exists(home))
            {
                context.Request.Path = home;
            }
        }
        return next(context);
    }
}
