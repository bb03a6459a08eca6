using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Modular.Abstractions;
using Modular.Host.Settings;

namespace Modular.Host.Caching;

/// <summary>The static page cache as plugins see it: whether <see cref="CachedPageResponder"/> will answer a request.</summary>
internal sealed class StaticPageCacheView(StaticPageCache cache, IOptionsMonitor<StaticCacheSettings> settings, IOptionsMonitor<HostSettings> host) : IStaticPageCache
{
    public bool WillAnswer(HttpRequest request)
    {
        if (!settings.CurrentValue.staticCacheEnabled || request.Path.Value is not { } path)
        {
            return false;
        }
        // '/' becomes the home page later, in the Content stage (HomePageRewrite).
        var page = path == "/" ? "/" + host.CurrentValue.defaultHomepage : path;
        return CachedPageResponder.IsPlainRequest(request, page) && cache.HoldsCurrent(page);
    }
}
