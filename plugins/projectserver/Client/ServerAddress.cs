using System.Globalization;
using System.Net;

namespace Modular.Plugins.ProjectServer.Client;

/// <summary>A server's address as 4D's Custom tab takes it: a host or IP address, with an optional <c>:port</c> (19813 by default).</summary>
public static class ServerAddress
{
    public const int DefaultPort = 19813;

    /// <summary>The service's base URI for <paramref name="text"/> (<c>192.168.1.10</c>, <c>host:19814</c>, <c>[::1]:19813</c>).</summary>
    /// <exception cref="FormatException">Not a host with an optional port.</exception>
    public static Uri Parse(string text)
    {
        var trimmed = text.Trim();
        // A bare IPv6 address has colons of its own; with a port it is written in brackets ([::1]:19813).
        if (!trimmed.StartsWith('[') && IPAddress.TryParse(trimmed, out var bare) && bare.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return Build($"[{bare}]", DefaultPort);
        }
        if (!Uri.TryCreate("tcp://" + trimmed, UriKind.Absolute, out var parsed) || parsed.Host.Length == 0 || parsed.AbsolutePath != "/" || parsed.UserInfo.Length > 0)
        {
            throw new FormatException($"'{text}' is not a server address: a host name or IP address, optionally followed by :port (192.168.1.10:19813)");
        }
        return Build(parsed.HostNameType == UriHostNameType.IPv6 ? $"[{parsed.IdnHost.Trim('[', ']')}]" : parsed.IdnHost, parsed.IsDefaultPort ? DefaultPort : parsed.Port);
    }

    /// <summary>The address as a <c>.4DLink</c> records it: host:port.</summary>
    public static string Describe(Uri service) => $"{service.Host}:{service.Port.ToString(CultureInfo.InvariantCulture)}";

    private static Uri Build(string host, int port) => new($"http://{host}:{port.ToString(CultureInfo.InvariantCulture)}/");
}
