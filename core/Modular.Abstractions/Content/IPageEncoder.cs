using Microsoft.AspNetCore.Http;

namespace Modular.Abstractions;

/// <summary>Encodes pages of the static page cache, so a cached page is encoded once per variant instead of on every request (contract 1.1).</summary>
/// <remarks>
/// Registered as a service by a plugin (compression). The cache keeps each variant beside the page,
/// counts it in <c>staticCacheSize</c> and drops it with the page. The response then carries the
/// variant's entity tag (<see cref="EntityTag.WithCoding"/>); Vary is the encoder's middleware's business.
/// </remarks>
public interface IPageEncoder
{
    /// <summary>The coding to send <paramref name="request"/> for a page of this type and length, or null for the page as it is.</summary>
    PageEncoding? Choose(HttpRequest request, string contentType, long length);

    /// <summary>The bytes of <paramref name="content"/> in <paramref name="encoding"/>.</summary>
    byte[] Encode(PageEncoding encoding, ReadOnlySpan<byte> content);
}
