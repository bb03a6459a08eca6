using System.Net;

namespace Modular.Plugins.Cors;

/// <summary>The Origin header of a request, parsed: scheme, host and port, or the opaque origin "null".</summary>
internal sealed record RequestOrigin(string Scheme, string Host, UriHostNameType HostType, IPAddress? Address, int Port)
{
    /// <summary>The opaque origin of sandboxed documents and some redirects: it matches nothing but '*'.</summary>
    public static RequestOrigin Opaque { get; } = new("", "", UriHostNameType.Unknown, null, 0);

    public bool IsOpaque => ReferenceEquals(this, Opaque);

    /// <summary>The serialized origin <c>scheme://host[:port]</c>, or null when <paramref name="header"/> is not one (a path, user info, another form).</summary>
    public static RequestOrigin? Parse(string header)
    {
        if (header == "null")
        {
            return Opaque;
        }
        if (!Uri.TryCreate(header, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0 || uri.PathAndQuery != "/" || uri.Fragment.Length > 0
            || header.EndsWith('/'))
        {
            return null;
        }
        var host = uri.IdnHost.Trim('[', ']').ToLowerInvariant();
        var address = uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 ? IPAddress.Parse(host) : null;
        return new RequestOrigin(uri.Scheme, host, uri.HostNameType, address, uri.Port);
    }
}
