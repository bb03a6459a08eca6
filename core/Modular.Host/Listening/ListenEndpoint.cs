using System.Net;

namespace Modular.Host.Listening;

/// <summary>One port the server listens on, with the setting that asked for it (named in bind errors).</summary>
/// <param name="Address">The one address to listen on, or null for every IPv4 and IPv6 address.</param>
internal sealed record ListenEndpoint(IPAddress? Address, int Port, bool Secure, string PortSetting)
{
    public string Scheme => Secure ? "https" : "http";

    /// <summary>The endpoints asked for by the settings: HTTP and/or HTTPS on one address or on all.</summary>
    public static IReadOnlyList<ListenEndpoint> FromSettings(Settings.HostSettings settings)
    {
        var address = settings.IPAddressToListen.Length > 0 ? IPAddress.Parse(settings.IPAddressToListen) : null;
        var endpoints = new List<ListenEndpoint>();
        if (settings.HTTPEnabled)
        {
            endpoints.Add(new(address, settings.HTTPPort, false, nameof(settings.HTTPPort)));
        }
        if (settings.HTTPSEnabled)
        {
            endpoints.Add(new(address, settings.HTTPSPort, true, nameof(settings.HTTPSPort)));
        }
        return endpoints;
    }
}
