using Microsoft.AspNetCore.Http;

namespace Modular.Abstractions;

/// <summary>The core's static page cache, as a plugin that wraps responses sees it (contract 1.1).</summary>
/// <remarks>
/// A cached page is answered from memory with its <see cref="IPageEncoder"/> variant already made,
/// so a plugin that would otherwise wrap the response body (compression) can let it pass untouched.
/// </remarks>
public interface IStaticPageCache
{
    /// <summary>Whether the cache holds the page <paramref name="request"/> asks for and will answer it from memory itself:
    /// a plain GET or HEAD (no range, no condition) of a cached page. A page dropped in between is then served from disk, unencoded.</summary>
    bool WillAnswer(HttpRequest request);
}
