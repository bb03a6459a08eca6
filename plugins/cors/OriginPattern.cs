using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Modular.Plugins.Cors;

/// <summary>One allowed-origin syntax of 4D's CORS list, matched against parsed origins, never as raw text.</summary>
/// <remarks>
/// Without a scheme a pattern matches http and https; without a port, any port. <c>*.domain</c>
/// matches names below the domain only (not the domain itself, not <c>evildomain</c>);
/// <c>192.168.*</c> compares IPv4 octets; <c>*</c> matches every origin, the opaque "null" too.
/// </remarks>
internal sealed class OriginPattern
{
    private enum HostKind { Any, Name, BelowDomain, Address, AddressPrefix }

    private readonly string? scheme;
    private readonly int? port;
    private readonly HostKind kind;
    private readonly string name = "";
    private readonly IPAddress? address;
    private readonly byte[] octets = [];

    private OriginPattern(string text, string? scheme, int? port, HostKind kind, string name = "", IPAddress? address = null, byte[]? octets = null)
    {
        Text = text;
        this.scheme = scheme;
        this.port = port;
        this.kind = kind;
        this.name = name;
        this.address = address;
        this.octets = octets ?? [];
    }

    /// <summary>The pattern as written in the settings.</summary>
    public string Text { get; }

    /// <summary>Whether this is the bare <c>*</c>, the one pattern the opaque origin "null" matches.</summary>
    public bool IsEveryOrigin => kind == HostKind.Any && scheme is null && port is null;

    /// <summary>Whether a match may carry credentials: not when any host matches (<c>*</c>, <c>https://*</c>, <c>*:443</c>),
    /// since letting every site call with the user's cookies is what CORS exists to prevent.</summary>
    public bool AllowsCredentials => kind != HostKind.Any;

    public bool Matches(RequestOrigin origin)
    {
        if (origin.IsOpaque)
        {
            return IsEveryOrigin;
        }
        var schemeMatches = scheme is null
            ? origin.Scheme is "http" or "https"
            : scheme.Equals(origin.Scheme, StringComparison.OrdinalIgnoreCase);
        if (!schemeMatches && !IsEveryOrigin || port is not null && port != origin.Port)
        {
            return false;
        }
        return kind switch
        {
            HostKind.Any => true,
            HostKind.Name => origin.HostType == UriHostNameType.Dns && origin.Host.Equals(name, StringComparison.OrdinalIgnoreCase),
            HostKind.BelowDomain => origin.HostType == UriHostNameType.Dns && origin.Host.Length > name.Length
                && origin.Host.EndsWith(name, StringComparison.OrdinalIgnoreCase),
            HostKind.Address => origin.Address is not null && origin.Address.Equals(address),
            HostKind.AddressPrefix => origin.Address is { AddressFamily: AddressFamily.InterNetwork } ipv4 && ipv4.GetAddressBytes().AsSpan().StartsWith(octets),
            _ => false,
        };
    }

    /// <summary>The pattern, or null with <paramref name="problem"/> saying what is wrong and what is allowed.</summary>
    public static OriginPattern? Parse(string text, out string problem)
    {
        problem = "";
        var rest = text.Trim();
        if (rest.Length == 0)
        {
            problem = "is empty; use '*' for every origin";
            return null;
        }
        string? scheme = null;
        var separator = rest.IndexOf("://", StringComparison.Ordinal);
        if (separator >= 0)
        {
            scheme = rest[..separator].ToLowerInvariant();
            if (scheme is not ("http" or "https"))
            {
                problem = $"scheme '{rest[..separator]}' is not http or https";
                return null;
            }
            rest = rest[(separator + 3)..];
        }
        if (rest.IndexOfAny(['/', '?', '#', '@']) >= 0)
        {
            problem = "must be an origin (scheme, host and port), without a path, query or user";
            return null;
        }
        if (!SplitPort(rest, out var host, out var port, out problem))
        {
            return null;
        }
        return ParseHost(text, scheme, port, host, out problem);
    }

    private static bool SplitPort(string rest, out string host, out int? port, out string problem)
    {
        host = rest;
        port = null;
        problem = "";
        // An IPv6 address has colons of its own: its port comes after the closing bracket.
        var colon = rest.StartsWith('[')
            ? (rest.IndexOf("]:", StringComparison.Ordinal) is var close and >= 0 ? close + 1 : -1)
            : rest.LastIndexOf(':');
        if (colon < 0)
        {
            return true;
        }
        var portText = rest[(colon + 1)..];
        host = rest[..colon];
        if (portText == "*")
        {
            return true;
        }
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 65535)
        {
            problem = $"port '{portText}' is not 1..65535 or '*'";
            return false;
        }
        port = number;
        return true;
    }

    private static OriginPattern? ParseHost(string text, string? scheme, int? port, string host, out string problem)
    {
        problem = "";
        if (host == "*")
        {
            return new(text, scheme, port, HostKind.Any);
        }
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            if (IPAddress.TryParse(host[1..^1], out var ipv6) && ipv6.AddressFamily == AddressFamily.InterNetworkV6)
            {
                return new(text, scheme, port, HostKind.Address, address: ipv6);
            }
            problem = $"'{host}' is not an IPv6 address in brackets";
            return null;
        }
        if (host.StartsWith("*.", StringComparison.Ordinal))
        {
            var domain = host[2..];
            if (Uri.CheckHostName(domain) == UriHostNameType.Dns && !domain.Contains('*', StringComparison.Ordinal) && !IsNumeric(domain))
            {
                return new(text, scheme, port, HostKind.BelowDomain, name: "." + domain.ToLowerInvariant());
            }
            problem = $"'{domain}' after '*.' is not a domain name";
            return null;
        }
        if (host.Contains('*', StringComparison.Ordinal))
        {
            return ParseAddressPrefix(text, scheme, port, host, out problem);
        }
        if (IsNumeric(host))
        {
            if (IPAddress.TryParse(host, out var ipv4) && ipv4.AddressFamily == AddressFamily.InterNetwork && host.Count(c => c == '.') == 3)
            {
                return new(text, scheme, port, HostKind.Address, address: ipv4);
            }
            problem = $"'{host}' is not an IPv4 address (four numbers 0..255); for a range write a prefix such as 192.168.*";
            return null;
        }
        if (Uri.CheckHostName(host) == UriHostNameType.Dns)
        {
            return new(text, scheme, port, HostKind.Name, name: host.ToLowerInvariant());
        }
        problem = $"'{host}' is not a host name, an IP address, '*.domain' or '*'";
        return null;
    }

    private static OriginPattern? ParseAddressPrefix(string text, string? scheme, int? port, string host, out string problem)
    {
        problem = "";
        var parts = host.Split('.');
        var octets = new List<byte>();
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i] == "*" && i == parts.Length - 1 && i is >= 1 and <= 3)
            {
                return new(text, scheme, port, HostKind.AddressPrefix, octets: [.. octets]);
            }
            if (!byte.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var octet))
            {
                break;
            }
            octets.Add(octet);
        }
        problem = $"'{host}': '*' stands for the last octets of an IPv4 address only (192.168.*), or for the names below a domain (*.example.com)";
        return null;
    }

    private static bool IsNumeric(string host) => host.All(c => char.IsAsciiDigit(c) || c == '.');
}
