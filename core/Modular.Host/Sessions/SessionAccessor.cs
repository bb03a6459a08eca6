using Microsoft.AspNetCore.Http;
using Modular.Abstractions;

namespace Modular.Host.Sessions;

/// <summary>The core's <see cref="ISessionAccessor"/>: the session a sessions plugin attached to the request, if one did.</summary>
internal sealed class SessionAccessor : ISessionAccessor
{
    public ValueTask<IWebSession?> GetAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<IWebSessionFeature>() is { } feature ? GetAsync(feature) : ValueTask.FromResult<IWebSession?>(null);
    }

    private static async ValueTask<IWebSession?> GetAsync(IWebSessionFeature feature) => await feature.GetAsync().ConfigureAwait(false);
}
