using System.Net.Security;
using System.Security.Cryptography;

namespace Modular.Plugins.ProjectServer.Client;

/// <summary>The way to one server's publishing service: TLS when it speaks it (clientServerEncryption), plain HTTP otherwise.</summary>
/// <remarks>
/// 4D encrypts client/server traffic without asking clients to trust a certificate authority, and a server's certificate is
/// often self-signed; so the certificate is trusted on first use and its SHA-256 recorded in the .4DLink, after which a
/// reconnection through the link accepts that certificate only, and never falls back to plain HTTP (no downgrade).
/// </remarks>
public sealed class ServerChannel : IDisposable
{
    private readonly HttpClient http;
    private string? presented;

    private ServerChannel(Uri service, string? pinnedCertificate)
    {
        Service = service;
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    presented = certificate is null ? null : Convert.ToHexStringLower(SHA256.HashData(certificate.GetRawCertData()));
                    return presented is not null && (pinnedCertificate is null || presented == pinnedCertificate);
                },
            },
        };
        http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>The service's base address, https or http.</summary>
    public Uri Service { get; }

    public HttpClient Http => http;

    /// <summary>The SHA-256 of the certificate the server presented, or null over plain HTTP.</summary>
    public string? Certificate => Service.Scheme == Uri.UriSchemeHttps ? presented : null;

    /// <summary>Reaches the server at <paramref name="address"/> (its http form, from <see cref="ServerAddress.Parse"/>): TLS first; plain
    /// HTTP only when the server does not speak TLS and no certificate was pinned. Answers <c>GET /projects</c> on the way.</summary>
    /// <exception cref="RemoteException">The server presents another certificate than the pinned one, or does not answer.</exception>
    public static async Task<(ServerChannel Channel, HttpResponseMessage Projects)> OpenAsync(Uri address, string? pinnedCertificate, CancellationToken cancellationToken)
    {
        var secure = new ServerChannel(new UriBuilder(address) { Scheme = Uri.UriSchemeHttps }.Uri, pinnedCertificate);
        try
        {
            return (secure, await secure.http.GetAsync(new Uri(secure.Service, "projects"), cancellationToken).ConfigureAwait(false));
        }
        catch (HttpRequestException e)
        {
            var mismatch = pinnedCertificate is not null && secure.presented is not null && secure.presented != pinnedCertificate;
            secure.Dispose();
            if (pinnedCertificate is not null)
            {
                throw new RemoteException(mismatch
                    ? $"the server at {ServerAddress.Describe(address)} presents another certificate (SHA-256 {secure.presented}) than the one recorded ({pinnedCertificate}); if it was replaced on purpose, connect again with 'modular remote connect'"
                    : $"the server at {ServerAddress.Describe(address)} does not answer over TLS as it did when the link was recorded: {e.Message}", e);
            }
        }
        var plain = new ServerChannel(address, null);
        try
        {
            return (plain, await plain.http.GetAsync(new Uri(address, "projects"), cancellationToken).ConfigureAwait(false));
        }
        catch (HttpRequestException e)
        {
            plain.Dispose();
            throw new RemoteException($"no publishing service answers at {ServerAddress.Describe(address)}: {e.Message}", e);
        }
    }

    public void Dispose() => http.Dispose();
}
