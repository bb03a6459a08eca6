using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using Modular.Testing;

namespace Modular.Host.Tests.Listening;

/// <summary>A replaced cert.pem/key.pem is served on new handshakes without a restart; a broken one is refused and the old pair keeps serving.</summary>
public sealed class CertificateReloadTests : FolderTests
{
    private Task<TestServer> StartHttpsAsync() =>
        TestServer.StartAsync(Folder, null, "--HTTPSEnabled", "true", "--HTTPSPort", TestServer.AnotherFreePort);

    /// <summary>The subject of the certificate a new handshake is given.</summary>
    private static async Task<string> PresentedSubjectAsync(int port)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        string? subject = null;
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            // Trusts what it is shown only to read it: the test is about which certificate is shown.
            RemoteCertificateValidationCallback = (_, presented, _, _) =>
            {
                subject = presented?.Subject;
                return presented is not null;
            },
        });
        return subject!;
    }

    /// <summary>Handshakes until the subject is <paramref name="expected"/> or 5 s have passed; the last subject seen.</summary>
    private static async Task<string> SubjectOnceChangedAsync(int port, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        string subject;
        do
        {
            subject = await PresentedSubjectAsync(port);
            if (subject == expected)
            {
                break;
            }
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        return subject;
    }

    [Fact]
    public async Task Replaced_pair_is_served_on_the_next_handshakes()
    {
        TestCertificate.WritePair(Folder.Path, "CN=first");
        await using var server = await StartHttpsAsync();
        var port = server.OtherPorts[0];
        Assert.Equal("CN=first", await PresentedSubjectAsync(port));

        TestCertificate.WritePair(Folder.Path, "CN=second");

        Assert.Equal("CN=second", await SubjectOnceChangedAsync(port, "CN=second"));
    }

    [Fact]
    public async Task Broken_replacement_is_refused_and_the_old_pair_keeps_serving()
    {
        TestCertificate.WritePair(Folder.Path, "CN=first");
        await using var server = await StartHttpsAsync();
        var port = server.OtherPorts[0];

        await File.WriteAllTextAsync(Folder.Combine("cert.pem"), "-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n");
        await Task.Delay(1200);

        Assert.Equal("CN=first", await PresentedSubjectAsync(port));
        Assert.Equal("CN=first", await PresentedSubjectAsync(port));

        // Repaired, it is taken up.
        TestCertificate.WritePair(Folder.Path, "CN=repaired");
        Assert.Equal("CN=repaired", await SubjectOnceChangedAsync(port, "CN=repaired"));
    }
}
