using System.Globalization;
using System.Net;
using Modular.Plugins.ProjectServer.Client;
using Modular.Testing;

namespace Modular.Plugins.ProjectServer.Tests;

/// <summary>clientServerEncryption: the publishing port speaks TLS with the web server's certificate, discovery marks the projects
/// with '^', and a client pins the certificate it first saw.</summary>
public sealed class EncryptionTests : FolderTests
{
    private RemoteFolders ClientFolders => new(Folder.Combine("client", "cache"), Folder.Combine("client", "recent"));

    private Task<TestServer> StartEncryptedAsync()
    {
        ProjectSite.WriteProject(Folder);
        // No cert.pem/key.pem in certificateFolder: the core writes a self-signed pair, which the publishing port presents too.
        var https = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        return ProjectSite.StartAsync(Folder, $"\"projects\": [\"MyApp\"], \"clientServerEncryption\": true, \"HTTPSEnabled\": true, \"HTTPSPort\": {https}");
    }

    [Fact]
    public async Task An_encrypted_server_is_marked_in_discovery_and_a_client_connects_over_TLS_and_pins_the_certificate()
    {
        await using var server = await StartEncryptedAsync();
        var address = new Uri($"http://127.0.0.1:{server.OtherPorts[0]}/");

        var found = new List<AvailableProject>();
        await foreach (var project in ServerDiscovery.SearchAsync(server.OtherPorts[0], TimeSpan.FromSeconds(2), [IPAddress.Loopback]))
        {
            found.Add(project);
        }
        var connected = await RemoteConnection.ConnectAsync(address, null, null, ClientFolders, null, null, CancellationToken.None);
        var link = LinkFile.Read(connected.LinkFile);
        var again = await RemoteConnection.ConnectAsync(address, link.ServerDatabaseName, null, ClientFolders, link.ServerCertificateSha256, null, CancellationToken.None);
        var other = await Assert.ThrowsAsync<RemoteException>(() =>
            RemoteConnection.ConnectAsync(address, "MyApp", null, ClientFolders, new string('0', 64), null, CancellationToken.None));

        Assert.Equal("^MyApp", Assert.Single(found).Shown);
        Assert.Equal("https", connected.Service.Scheme);
        Assert.Matches("^[0-9a-f]{64}$", connected.Certificate);
        Assert.Equal(connected.Certificate, link.ServerCertificateSha256);
        Assert.Equal(connected.Version, again.Version);
        Assert.Contains("presents another certificate", other.Message, StringComparison.Ordinal);
        Assert.Equal("ALERT(\"hello\")", File.ReadAllText(Path.Combine(connected.Folder, "Sources", "Methods", "hello.4dm")));
    }

    [Fact]
    public async Task Plain_HTTP_gets_no_answer_from_an_encrypted_publishing_port()
    {
        await using var server = await StartEncryptedAsync();
        using var plain = ProjectSite.Service(server);

        var answered = false;
        try
        {
            using var response = await plain.GetAsync("/projects");
            answered = response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
        }

        Assert.False(answered, "the project list went out unencrypted");
    }

    [Fact]
    public async Task Encryption_without_HTTPS_is_a_settings_error_naming_both_keys()
    {
        ProjectSite.WriteProject(Folder);
        Folder.Write("modular.json", """{ "projects": ["MyApp"], "clientServerEncryption": true }""");

        var errors = string.Join("\n", await TestServer.StartFailsAsync(Folder, null, "--pluginsFolder", Folder.PluginsWith("projectserver")));

        Assert.Contains("clientServerEncryption", errors, StringComparison.Ordinal);
        Assert.Contains("needs HTTPSEnabled = true", errors, StringComparison.Ordinal);
    }
}
