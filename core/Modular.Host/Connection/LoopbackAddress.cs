using System.Net;

namespace Modular.Host.Connection;

/// <summary>Whether a peer is this machine: what the statistics pages and the admin API without a token allow.</summary>
internal static class LoopbackAddress
{
    /// <summary>127.0.0.0/8 and ::1, also when an IPv4 peer reaches a dual-stack socket as ::ffff:127.x.</summary>
    public static bool Is(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
