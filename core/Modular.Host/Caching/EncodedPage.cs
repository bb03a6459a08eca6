namespace Modular.Host.Caching;

/// <summary>A cached page in one content coding, with the entity tag of that coding.</summary>
internal sealed record EncodedPage(byte[] Content, string ETag);
