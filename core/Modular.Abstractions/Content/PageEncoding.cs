namespace Modular.Abstractions;

/// <summary>A content coding chosen for a cached page (contract 1.1).</summary>
/// <param name="ContentCoding">The Content-Encoding value sent ("gzip", "br").</param>
/// <param name="CacheKey">Identifies the encoded bytes, including every setting that changes them ("gzip/1"): a new key makes a new variant.</param>
public sealed record PageEncoding(string ContentCoding, string CacheKey);
