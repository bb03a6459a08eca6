using System.Net;
using Modular.Plugins.ProjectServer.Client;
using Modular.Testing;

namespace Modular.Plugins.ProjectServer.Tests;

/// <summary>The remote client library the CLI uses: discovery, connecting (download, check, unpack read-only), links.</summary>
public sealed class RemoteClientTests : FolderTests
{
    private RemoteFolders ClientFolders => new(Folder.Combine("client", "cache"), Folder.Combine("client", "recent"));

    [Fact]
    public async Task Discovery_finds_the_projects_of_a_server_that_answers()
    {
        ProjectSite.WriteProject(Folder, "One");
        ProjectSite.WriteProject(Folder, "Two");
        await using var server = await ProjectSite.StartAsync(Folder, "\"projects\": [\"One\", \"Two\"]");

        var found = new List<AvailableProject>();
        await foreach (var project in ServerDiscovery.SearchAsync(server.OtherPorts[0], TimeSpan.FromSeconds(2), [IPAddress.Loopback]))
        {
            found.Add(project);
        }

        Assert.Equal(["One", "Two"], found.Select(project => project.Shown));
        Assert.All(found, project => Assert.Equal((IPAddress.Loopback, server.OtherPorts[0]), (project.Address, project.Port)));
    }

    [Fact]
    public async Task Connecting_unpacks_the_checked_package_read_only_and_records_a_link()
    {
        ProjectSite.WriteProject(Folder);
        await using var server = await ProjectSite.StartAsync(Folder);
        var reports = new List<(long, long)>();

        var connected = await RemoteConnection.ConnectAsync(ServiceOf(server), null, "Local", ClientFolders, null, new SyncProgress(reports.Add), CancellationToken.None);

        var method = Path.Combine(connected.Folder, "Sources", "Methods", "hello.4dm");
        Assert.Equal("ALERT(\"hello\")", File.ReadAllText(method));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead, File.GetUnixFileMode(method));
        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(connected.Folder) & (UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite));
        Assert.Equal(Path.Combine(ClientFolders.Recent, "Local.4DLink"), connected.LinkFile);
        Assert.Equal(new LinkFile("MyApp", $"127.0.0.1:{server.OtherPorts[0]}"), LinkFile.Read(connected.LinkFile));
        Assert.Null(connected.Certificate);
        Assert.Equal("http", connected.Service.Scheme);
        Assert.Contains("<database_shortcut is_remote=\"true\" server_database_name=\"MyApp\"", File.ReadAllText(connected.LinkFile), StringComparison.Ordinal);
        Assert.NotEmpty(reports);
        Assert.Equal(reports[^1].Item2, reports[^1].Item1);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(connected.Folder)!));
    }

    [Fact]
    public async Task A_broken_partial_download_is_replaced_by_a_whole_checked_one()
    {
        ProjectSite.WriteProject(Folder);
        await using var server = await ProjectSite.StartAsync(Folder);
        using var service = ProjectSite.Service(server);
        var version = (string)(await ProjectSite.ConnectAsync(service))["version"]!;
        // What an interrupted download of another package left: resumed, it cannot match the SHA-256.
        var partial = Path.Combine(ClientFolders.Cache, $"127.0.0.1_{server.OtherPorts[0]}", "MyApp", version + ".4dz.part");
        Directory.CreateDirectory(Path.GetDirectoryName(partial)!);
        File.WriteAllBytes(partial, new byte[100]);

        var connected = await RemoteConnection.ConnectAsync(ServiceOf(server), "MyApp", null, ClientFolders, null, null, CancellationToken.None);

        Assert.Equal("ALERT(\"hello\")", File.ReadAllText(Path.Combine(connected.Folder, "Sources", "Methods", "hello.4dm")));
        Assert.False(File.Exists(partial));
    }

    [Theory]
    [InlineData("192.168.1.10", "http://192.168.1.10:19813/")]
    [InlineData("server.example:19814", "http://server.example:19814/")]
    [InlineData("[::1]:20000", "http://[::1]:20000/")]
    [InlineData("::1", "http://[::1]:19813/")]
    public void Server_addresses_take_an_optional_port(string text, string expected) =>
        Assert.Equal(new Uri(expected), ServerAddress.Parse(text));

    [Theory]
    [InlineData("http://host/")]
    [InlineData("host:port")]
    [InlineData("host/path")]
    [InlineData("")]
    public void A_malformed_server_address_is_refused_with_the_expected_form(string text) =>
        Assert.Contains("a host name or IP address, optionally followed by :port", Assert.Throws<FormatException>(() => ServerAddress.Parse(text)).Message, StringComparison.Ordinal);

    private static Uri ServiceOf(TestServer server) => new($"http://127.0.0.1:{server.OtherPorts[0]}/");

    /// <summary>Records each report on the reporting thread (Progress&lt;T&gt; would post them later).</summary>
    private sealed class SyncProgress(Action<(long, long)> report) : IProgress<(long Received, long Size)>
    {
        public void Report((long Received, long Size) value) => report(value);
    }
}
