using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Modular.Testing;

/// <summary>A short-lived self-signed RSA pair written as cert.pem and key.pem, the files Modular reads.</summary>
internal static class TestCertificate
{
    /// <summary>Writes the pair into <paramref name="directory"/> and returns the certificate's thumbprint.</summary>
    public static string WritePair(string directory, string subject = "CN=localhost")
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(directory, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(directory, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        return certificate.Thumbprint;
    }
}
