namespace Modular.Host.Listening;

/// <summary>A listening socket could not be bound; the message names the address, the port, the setting and the ways out.</summary>
/// <remarks>An <see cref="IOException"/> so that Kestrel's any-address fallback from IPv6 to IPv4 does not swallow it.</remarks>
internal sealed class ListenerBindException(string message, Exception inner) : IOException(message, inner);
