using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace Modular.Host.Connection;

/// <summary>State kept per connection across its requests, in Kestrel's connection item bag (notes/platform.md § 2).</summary>
internal static class ConnectionState
{
    /// <summary>The connection's <typeparamref name="T"/>, made at its first request that asks; null when the server keeps no
    /// connection items.</summary>
    public static T? Of<T>(HttpContext context) where T : class, new()
    {
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        if (items is null)
        {
            return null;
        }
        // The bag is a plain dictionary, and HTTP/2 streams of one connection run at once.
        lock (items)
        {
            if (items.TryGetValue(typeof(T), out var found) && found is T known)
            {
                return known;
            }
            var made = new T();
            items[typeof(T)] = made;
            return made;
        }
    }
}
