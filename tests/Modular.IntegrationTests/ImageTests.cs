using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using Modular.IntegrationTests.Infrastructure;
using Modular.Testing;

namespace Modular.IntegrationTests;

/// <summary>The published image, run as a deployment runs it.</summary>
public sealed class ImageTests : ContainerTests
{
    [Fact]
    public async Task Image_serves_the_home_page_on_its_mapped_port_as_a_non_root_user_and_turns_healthy()
    {
        var container = Track(ModularContainer.Create(Network)
            .WithLoopbackPorts(80)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilContainerIsHealthy())
            .Build());
        await container.StartAsync();
        using var client = new HttpClient();

        var page = await client.GetStringAsync(container.Address(80));
        var user = await container.ExecAsync(["id", "-u"]);

        Assert.Contains("<h1>Modular is running</h1>", page, StringComparison.Ordinal);
        Assert.Equal("1654", user.Stdout.Trim());
    }

    [Fact]
    public async Task Settings_come_from_MODULAR_variables_and_the_health_check_follows_them()
    {
        var container = Track(ModularContainer.Create(Network)
            .WithEnvironment("MODULAR_HTTPPort", "8080")
            .WithEnvironment("MODULAR_defaultHomepage", "start.html")
            .WithResourceMapping("<p>start</p>"u8.ToArray(), "/srv/modular/www/start.html", 1654, 1654, UnixFileModes.UserRead | UnixFileModes.GroupRead | UnixFileModes.OtherRead)
            .WithLoopbackPorts(8080)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilContainerIsHealthy())
            .Build());
        await container.StartAsync();
        using var client = new HttpClient();

        Assert.Equal("<p>start</p>", await client.GetStringAsync(container.Address(8080)));
    }

    [Fact]
    public async Task HTTPS_serves_the_mounted_cert_and_key()
    {
        var certificates = Directory.CreateDirectory(Folder.Combine("certs")).FullName;
        var thumbprint = WritePair(certificates);
        var container = Track(ModularContainer.Create(Network)
            .WithEnvironment("MODULAR_HTTPSEnabled", "1")
            .WithBindMount(certificates, "/srv/modular/certs", AccessMode.ReadOnly)
            .WithLoopbackPorts(80, 443)
            .WithWaitStrategy(Wait.ForUnixContainer().AddCustomWaitStrategy(new LoopbackHttpReady(80, "/")))
            .Build());
        await container.StartAsync();

        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", container.GetMappedPublicPort(443));
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == thumbprint,
        });
        await tls.WriteAsync("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"u8.ToArray());
        using var reader = new StreamReader(tls);

        Assert.Equal("HTTP/1.1 200 OK", await reader.ReadLineAsync());
    }

    [Fact]
    public async Task A_bad_settings_file_stops_the_container_with_every_error_in_its_logs()
    {
        var settings = Folder.Write("config/modular.json", """{ "HTTPPort": 70000, "characterSet": "klingon" }""");
        File.SetUnixFileMode(Path.GetDirectoryName(settings)!, (UnixFileMode)0b111_111_111);
        var container = Track(ModularContainer.Create(Network)
            .WithBindMount(Path.GetDirectoryName(settings)!, "/srv/modular/config")
            .Build());

        var (exitCode, logs) = await ModularContainer.RunToExitAsync(container);

        Assert.Equal(2, exitCode);
        Assert.Contains("modular cannot start (2 problems):", logs, StringComparison.Ordinal);
        Assert.Contains("core: HTTPPort = '70000' (from /srv/modular/config/modular.json): must be 1..65535 (0 restores the default).", logs, StringComparison.Ordinal);
        Assert.Contains("core: characterSet = 'klingon' (from /srv/modular/config/modular.json): is not a supported character set", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("listening", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Statistics_URLs_answer_404_to_a_client_that_is_not_on_loopback()
    {
        var server = Track(ModularContainer.Create(Network)
            .WithNetworkAliases("modular")
            .WithWaitStrategy(Wait.ForUnixContainer().UntilContainerIsHealthy())
            .Build());
        await server.StartAsync();
        var client = Track(ModularContainer.Create(Network, ModularContainer.ClientImage)
            .WithCommand("curl", "-s", "-o", "/dev/null", "-o", "/dev/null", "-o", "/dev/null", "-o", "/dev/null", "-w", "%{http_code} ",
                "http://modular/4DSTATS", "http://modular/4DHTMLSTATS", "http://modular/4DCACHECLEAR", "http://modular/")
            .Build());

        var (exitCode, output) = await ModularContainer.RunToExitAsync(client);

        Assert.Equal((0, "404 404 404 200 "), (exitCode, output));
        // The same URL asked on loopback inside the container is answered.
        var inside = await server.ExecAsync(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1/4DSTATS"]);
        Assert.Equal("200", inside.Stdout);
    }

    private static string WritePair(string directory)
    {
        var thumbprint = TestCertificate.WritePair(directory);
        // The container's user is not the file's owner; the test pair is readable by all on purpose.
        File.SetUnixFileMode(Path.Combine(directory, "key.pem"), (UnixFileMode)0b110_100_100);
        return thumbprint;
    }
}
