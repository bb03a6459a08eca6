namespace Modular.Abstractions;

/// <summary>What is known about a session besides its storage (contract 1.2).</summary>
/// <param name="Created">When the session was made.</param>
/// <param name="LastAccess">When a request last used it.</param>
/// <param name="ClientAddress">The client address of the request that made it.</param>
public sealed record SessionInfo(DateTimeOffset Created, DateTimeOffset LastAccess, string ClientAddress);
