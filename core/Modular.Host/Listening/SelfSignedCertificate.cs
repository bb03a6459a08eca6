using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Modular.Host.Listening;

/// <summary>A self-signed RSA pair for localhost, as 4D ships a default certificate so HTTPS works out of the box.</summary>
internal sealed record SelfSignedCertificate(string CertificatePem, string KeyPem)
{
    public static SelfSignedCertificate Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost, O=Modular self-signed", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddDnsName(Environment.MachineName);
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
        return new SelfSignedCertificate(certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }

    /// <summary>Writes the pair; never over an existing file.</summary>
    public void Write(string certPath, string keyPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(certPath)!);
        // The key is written first and readable by the owner only, before any byte of it is on disk.
        var keyOptions = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            keyOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var keyFile = new StreamWriter(keyPath, keyOptions))
        {
            keyFile.Write(KeyPem);
        }
        using var certFile = new StreamWriter(certPath, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write });
        certFile.Write(CertificatePem);
    }
}
