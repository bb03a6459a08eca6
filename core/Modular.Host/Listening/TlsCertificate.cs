using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;
using Modular.Abstractions;
using Modular.Host.Hosting;

namespace Modular.Host.Listening;

/// <summary>The server's TLS identity from <c>cert.pem</c>/<c>key.pem</c>, and the per-handshake options built from it.</summary>
/// <remarks>
/// The options are made per handshake (not with Kestrel's fixed certificate) so that a new pair or
/// cipher list can be swapped in without rebinding. On Linux, SslStream sends intermediates only
/// from a certificate context, so the chain in cert.pem goes into one (notes/platform.md § 2).
/// A replaced pair is noticed at a handshake, by the files' times, looked at most once a second:
/// no watcher to run out of, and the cost is two stats a second at most.
/// </remarks>
internal sealed class TlsCertificate : IServerTls
{
    public const string CertificateFile = "cert.pem";
    public const string KeyFile = "key.pem";

    /// <summary>How long a handshake trusts the pair in memory before looking at the files again.</summary>
    private const long RecheckAfterMilliseconds = 1000;

    private readonly CipherSuitesPolicy? cipherSuites;
    private readonly (SelfSignedCertificate Pair, string Folder)? unsaved;
    private readonly string certPath;
    private readonly string keyPath;
    private readonly ILogger logger;
    private readonly Lock gate = new();
    private SslStreamCertificateContext context;
    private (DateTime Certificate, DateTime Key) seen;
    private long checkedAt = Environment.TickCount64;

    private TlsCertificate(SslStreamCertificateContext context, CipherSuitesPolicy? cipherSuites, (SelfSignedCertificate, string)? unsaved, string certPath, string keyPath, ILogger logger)
    {
        this.context = context;
        this.cipherSuites = cipherSuites;
        this.unsaved = unsaved;
        this.certPath = certPath;
        this.keyPath = keyPath;
        this.logger = logger;
        seen = Stamp();
    }

    /// <summary>Kestrel's HTTPS options calling back into this certificate at each handshake.</summary>
    public TlsHandshakeCallbackOptions KestrelOptions => new()
    {
        OnConnection = _ => ValueTask.FromResult(HandshakeOptions()),
    };

    /// <summary>A new object per connection: Kestrel writes ALPN into the one returned (notes/platform.md § 2).</summary>
    public SslServerAuthenticationOptions HandshakeOptions() => new()
    {
        ServerCertificateContext = Current(),
        CipherSuitesPolicy = cipherSuites,
    };

    /// <summary>The pair to present now: a replaced one once it loads; a broken replacement is logged and the pair in use stays.</summary>
    private SslStreamCertificateContext Current()
    {
        var now = Environment.TickCount64;
        if (now - Volatile.Read(ref checkedAt) >= RecheckAfterMilliseconds)
        {
            Volatile.Write(ref checkedAt, now);
            lock (gate)
            {
                var stamp = Stamp();
                if (stamp != seen)
                {
                    seen = stamp;
                    try
                    {
                        var (leaf, intermediates) = ReadPair(certPath, keyPath);
                        Volatile.Write(ref context, SslStreamCertificateContext.Create(leaf, intermediates, offline: true));
                        logger.CertificateReloaded(leaf.Subject, leaf.NotAfter.ToUniversalTime().ToString("u", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    catch (Exception e) when (IsUnusablePair(e))
                    {
                        logger.CertificateRefused(certPath, keyPath, e.Message);
                    }
                }
            }
        }
        return Volatile.Read(ref context);
    }

    private (DateTime, DateTime) Stamp() => (File.GetLastWriteTimeUtc(certPath), File.GetLastWriteTimeUtc(keyPath));

    private static bool IsUnusablePair(Exception e) => e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException;

    /// <summary>The leaf with its key, and the intermediates that follow it in cert.pem.</summary>
    private static (X509Certificate2 Leaf, X509Certificate2Collection Intermediates) ReadPair(string certPath, string keyPath)
    {
        var leaf = X509Certificate2.CreateFromPemFile(certPath, keyPath);
        X509Certificate2Collection chain = [];
        chain.ImportFromPemFile(certPath);
        var intermediates = new X509Certificate2Collection();
        foreach (var certificate in chain.Skip(1))
        {
            intermediates.Add(certificate);
        }
        return (leaf, intermediates);
    }

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
        X509Certificate2Collection intermediates = [];
        try
        {
            (leaf, intermediates) = generated is null
                ? ReadPair(certPath, keyPath)
                : (X509Certificate2.CreateFromPem(generated.CertificatePem, generated.KeyPem), []);
        }
        catch (Exception e) when (IsUnusablePair(e))
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

        // Offline: the chain is built from cert.pem and the local stores only, never fetched.
        var context = SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
        var policy = suites.Count > 0 && !OperatingSystem.IsWindows() ? new CipherSuitesPolicy(suites) : null;
        return new TlsCertificate(context, policy, generated is null ? null : (generated, folder), certPath, keyPath, logger);
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
            // The files written hold the pair in use: not a replacement to load.
            lock (gate)
            {
                seen = Stamp();
            }
            logger.SelfSignedCertificateWritten(pending.Folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.SelfSignedCertificateNotSaved(pending.Folder, e.Message);
        }
    }
}
