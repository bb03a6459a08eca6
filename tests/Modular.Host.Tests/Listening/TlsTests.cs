using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Modular.Testing;

namespace Modular.Host.Tests.Listening;

public sealed class TlsTests : FolderTests
{
    /// <summary>Starts with HTTPS on a port of its own, <see cref="TestServer.OtherPorts"/>[0].</summary>
    private Task<TestServer> StartHttpsAsync(params string[] settings) =>
        TestServer.StartAsync(Folder, null, ["--HTTPSEnabled", "true", "--HTTPSPort", TestServer.AnotherFreePort, .. settings]);

    /// <summary>Connects over TLS, trusting only the certificate in <paramref name="certificateFolder"/>, and returns what the handshake settled.</summary>
    private static async Task<(TlsCipherSuite Suite, string Answer)> HandshakeAsync(string host, int port, string certificateFolder, SslProtocols protocols = SslProtocols.None)
    {
        using var tcp = new TcpClient(host == "::1" ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork);
        await tcp.ConnectAsync(IPAddress.Parse(host), port);
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            EnabledSslProtocols = protocols,
            RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == X509Certificate2.CreateFromPem(File.ReadAllText(Path.Combine(certificateFolder, "cert.pem"))).Thumbprint,
        });
        await tls.WriteAsync("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"u8.ToArray());
        using var reader = new StreamReader(tls);
        var answer = await reader.ReadLineAsync() ?? "";
        return (tls.NegotiatedCipherSuite, answer);
    }

    [Fact]
    public async Task Without_cert_and_key_a_self_signed_pair_is_written_and_served()
    {
        await using var server = await StartHttpsAsync();

        Assert.True(X509Certificate2.CreateFromPemFile(Folder.Combine("cert.pem"), Folder.Combine("key.pem")).HasPrivateKey);
        Assert.Equal("HTTP/1.1 200 OK", (await HandshakeAsync("127.0.0.1", server.OtherPorts[0], Folder.Path)).Answer);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Folder.Combine("key.pem")));
    }

    [Fact]
    public async Task Serves_the_pair_in_certificateFolder_over_IPv4_and_IPv6()
    {
        var certificates = Directory.CreateDirectory(Folder.Combine("certificates")).FullName;
        TestCertificate.WritePair(certificates, "CN=own-test-certificate");
        await using var server = await StartHttpsAsync("--IPAddressToListen", "", "--certificateFolder", certificates);

        Assert.Equal("HTTP/1.1 200 OK", (await HandshakeAsync("127.0.0.1", server.OtherPorts[0], certificates)).Answer);
        Assert.Equal("HTTP/1.1 200 OK", (await HandshakeAsync("::1", server.OtherPorts[0], certificates)).Answer);
        Assert.Equal(200, (int)(await server.Client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Cipher_suite_names_in_OpenSSL_form_choose_the_suite()
    {
        await using var server = await StartHttpsAsync("--cipherSuite", "ECDHE-RSA-AES256-GCM-SHA384");

        var (suite, answer) = await HandshakeAsync("127.0.0.1", server.OtherPorts[0], Folder.Path);

        Assert.Equal(TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, suite);
        Assert.Equal("HTTP/1.1 200 OK", answer);
    }

    [Fact]
    public async Task A_cipher_list_without_TLS13_suites_refuses_a_TLS13_only_client()
    {
        await using var server = await StartHttpsAsync("--cipherSuite", "ECDHE-RSA-AES128-GCM-SHA256");

        await Assert.ThrowsAsync<AuthenticationException>(() => HandshakeAsync("127.0.0.1", server.OtherPorts[0], Folder.Path, SslProtocols.Tls13));
        Assert.Equal(TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, (await HandshakeAsync("127.0.0.1", server.OtherPorts[0], Folder.Path)).Suite);
    }

    [Fact]
    public async Task A_missing_key_is_an_error_naming_the_file()
    {
        File.WriteAllText(Folder.Combine("cert.pem"), "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");

        var error = Assert.Single(await TestServer.StartFailsAsync(Folder, null, "--HTTPSEnabled", "1", "--HTTPSPort", "8443"));

        Assert.Equal($"core: certificateFolder = '{Folder.Path}': {Folder.Combine("key.pem")} is missing while cert.pem is there; put both files there, or remove cert.pem to have a self-signed pair written.", error);
    }

    [Fact]
    public async Task An_unreadable_certificate_is_an_error_naming_the_files()
    {
        File.WriteAllText(Folder.Combine("cert.pem"), "not a certificate");
        File.WriteAllText(Folder.Combine("key.pem"), "not a key");

        var error = Assert.Single(await TestServer.StartFailsAsync(Folder, null, "--HTTPSEnabled", "1", "--HTTPSPort", "8443"));

        Assert.StartsWith($"core: certificateFolder = '{Folder.Path}': {Folder.Combine("cert.pem")} and {Folder.Combine("key.pem")} cannot be used: ", error, StringComparison.Ordinal);
    }
}
