using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;
using Modular.Host.Hosting;

namespace Modular.Host.Listening;

/// <summary>The server's TLS identity from <c>cert.pem</c>/<c>key.pem</c>, and the per-handshake options built from it.</summary>
/// <remarks>
/// The options are made per handshake (not with Kestrel's fixed certificate) so that a new pair or
/// cipher list can be swapped in without rebinding. On Linux, SslStream sends intermediates only
/// from a certificate context, so the chain in cert.pem goes into one (notes/platform.md § 2).
/// </remarks>
internal sealed class TlsCertificate
{
    public const string CertificateFile = "cert.pem";
    public const string KeyFile = "key.pem";

    private readonly SslStreamCertificateContext context;
    private readonly CipherSuitesPolicy? cipherSuites;
    private readonly (SelfSignedCertificate Pair, string Folder)? unsaved;

    private TlsCertificate(SslStreamCertificateContext context, CipherSuitesPolicy? cipherSuites, (SelfSignedCertificate, string)? unsaved)
    {
        this.context = context;
        this.cipherSuites = cipherSuites;
        this.unsaved = unsaved;
    }

    /// <summary>Kestrel's HTTPS options calling back into this certificate at each handshake.</summary>
    public TlsHandshakeCallbackOptions HandshakeOptions => new()
    {
        OnConnection = _ => ValueTask.FromResult(new SslServerAuthenticationOptions
        {
            // A new object per connection: Kestrel writes ALPN into the one returned (notes/platform.md § 2).
            ServerCertificateContext = context,
            CipherSuitesPolicy = cipherSuites,
        }),
    };

    /// <summary>Loads the pair from <paramref name="folder"/>; when both files are missing, makes a self-signed one, written by <see cref="SaveGenerated"/> once the server listens.</summary>
    public static TlsCertificate? Load(string folder, string cipherSuite, ILogger logger, List<string> problems)
    {
        var certPath = Path.Combine(folder, CertificateFile);
        var keyPath = Path.Combine(folder, KeyFile);
        var certExists = File.Exists(certPath);
        var keyExists = File.Exists(keyPath);
        if (certExists != keyExists)
        {
            var (missing, present) = certExists ? (keyPath, CertificateFile) : (certPath, KeyFile);
            problems.Add($"core: certificateFolder = '{folder}': {missing} is missing while {present} is there; put both files there, or remove {present} to have a self-signed pair written.");
            return null;
        }

        var generated = certExists ? null : SelfSignedCertificate.Create();
        X509Certificate2 leaf;
        X509Certificate2Collection chain = [];
        try
        {
            if (generated is null)
            {
                leaf = X509Certificate2.CreateFromPemFile(certPath, keyPath);
                chain.ImportFromPemFile(certPath);
            }
            else
            {
                leaf = X509Certificate2.CreateFromPem(generated.CertificatePem, generated.KeyPem);
            }
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            problems.Add($"core: certificateFolder = '{folder}': {certPath} and {keyPath} cannot be used: {e.Message} (cert.pem needs a PEM certificate, key.pem its unencrypted PEM private key).");
            return null;
        }

        var suites = CipherSuiteNames.Map(cipherSuite);
        if (suites.Count > 0 && OperatingSystem.IsWindows())
        {
            problems.Add($"core: cipherSuite = '{cipherSuite}': choosing cipher suites is not supported on Windows (.NET's CipherSuitesPolicy); leave cipherSuite empty there.");
            return null;
        }
        if (suites.Count > 0 && !suites.Any(CipherSuiteNames.IsTls13))
        {
            logger.Tls13Off();
        }

        var intermediates = new X509Certificate2Collection();
        foreach (var certificate in chain.Skip(1))
        {
            intermediates.Add(certificate);
        }
        // Offline: the chain is built from cert.pem and the local stores only, never fetched.
        var context = SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
        var policy = suites.Count > 0 && !OperatingSystem.IsWindows() ? new CipherSuitesPolicy(suites) : null;
        return new TlsCertificate(context, policy, generated is null ? null : (generated, folder));
    }

    /// <summary>Writes a generated pair into the certificate folder, so later starts serve the same one; a failure is logged, not fatal.</summary>
    public void SaveGenerated(ILogger logger)
    {
        if (unsaved is not { } pending)
        {
            return;
        }
        try
        {
            pending.Pair.Write(Path.Combine(pending.Folder, CertificateFile), Path.Combine(pending.Folder, KeyFile));
            logger.SelfSignedCertificateWritten(pending.Folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.SelfSignedCertificateNotSaved(pending.Folder, e.Message);
        }
    }
}
