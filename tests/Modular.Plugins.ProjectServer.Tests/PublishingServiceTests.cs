using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Modular.Testing;

namespace Modular.Plugins.ProjectServer.Tests;

/// <summary>The publishing service on publishingPort: connections, downloads, versions kept per connection.</summary>
public sealed class PublishingServiceTests : FolderTests
{
    [Fact]
    public async Task A_download_resumes_with_a_range_and_an_unchanged_package_answers_304()
    {
        ProjectSite.WriteProject(Folder);
        // Enough bytes that a range is a real part of the package.
        Folder.Write("MyApp/Resources/big.txt", string.Concat(Enumerable.Range(0, 20_000).Select(i => $"{i * 7919 % 10007},")));
        await using var server = await ProjectSite.StartAsync(Folder);
        using var service = ProjectSite.Service(server);
        var connection = await ProjectSite.ConnectAsync(service);
        var whole = await ProjectSite.DownloadAsync(service, connection);

        using var rest = ProjectSite.Download(connection);
        rest.Headers.Range = new RangeHeaderValue(1000, null);
        using var resumed = await service.SendAsync(rest);
        using var again = ProjectSite.Download(connection);
        again.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{(string)connection["sha256"]!}\""));
        using var unchanged = await service.SendAsync(again);

        Assert.Equal(HttpStatusCode.PartialContent, resumed.StatusCode);
        Assert.Equal(whole[1000..], await resumed.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotModified, unchanged.StatusCode);
        Assert.Equal((long)connection["size"]!, whole.Length);
    }

    [Fact]
    public async Task A_package_goes_to_a_connected_client_of_that_version_only()
    {
        ProjectSite.WriteProject(Folder);
        await using var server = await ProjectSite.StartAsync(Folder);
        using var service = ProjectSite.Service(server);
        var connection = await ProjectSite.ConnectAsync(service);

        using var anonymous = await service.GetAsync((string)connection["package"]!);
        using var otherVersion = new HttpRequestMessage(HttpMethod.Get, "/projects/MyApp/packages/0123456789abcdef.4dz");
        otherVersion.Headers.Add("Modular-Session", (string)connection["session"]!);
        using var wrongVersion = await service.SendAsync(otherVersion);
        using var unknown = await service.PostAsJsonAsync("/projects/Nope/connections", new { userName = "x" });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("Modular-Session", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, wrongVersion.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("no published project 'Nope'; published: MyApp", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_connected_client_keeps_its_version_across_a_reload_and_gets_the_new_one_by_reconnecting()
    {
        ProjectSite.WriteProject(Folder);
        await using var server = await ProjectSite.StartAsync(Folder);
        using var service = ProjectSite.Service(server);
        using var admin = ProjectSite.Admin(server);
        var before = await ProjectSite.ConnectAsync(service);

        Folder.Write("MyApp/Sources/Methods/hello.4dm", "ALERT(\"version 2\")");
        (await admin.PostAsync("/plugins/projectserver/projects/MyApp/reload", null)).EnsureSuccessStatusCode();
        var kept = ProjectSite.Contents(await ProjectSite.DownloadAsync(service, before));
        var after = await ProjectSite.ConnectAsync(service);
        var fresh = ProjectSite.Contents(await ProjectSite.DownloadAsync(service, after));
        using var close = await service.DeleteAsync($"/connections/{(string)before["session"]!}");
        var held = (await admin.GetFromJsonAsync<JsonObject>("/plugins/projectserver/projects"))!["projects"]![0]!["connections"]!.AsObject();

        Assert.NotEqual((string)before["version"]!, (string)after["version"]!);
        Assert.Equal("ALERT(\"hello\")", kept["Sources/Methods/hello.4dm"]);
        Assert.Equal("ALERT(\"version 2\")", fresh["Sources/Methods/hello.4dm"]);
        Assert.Equal(HttpStatusCode.NoContent, close.StatusCode);
        // The old version went with its last connection; the current one stays, held by the second client.
        Assert.Equal([(string)after["version"]!], held.Select(pair => pair.Key));
        Assert.Equal(1, (int)held[(string)after["version"]!]!);
    }

    [Fact]
    public async Task Reloads_under_concurrent_downloads_never_hand_out_half_a_package()
    {
        ProjectSite.WriteProject(Folder);
        Folder.Write("MyApp/Resources/big.txt", string.Concat(Enumerable.Range(0, 50_000).Select(i => $"{i * 7919 % 10007},")));
        await using var server = await ProjectSite.StartAsync(Folder);
        using var service = ProjectSite.Service(server);
        using var admin = ProjectSite.Admin(server);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        var reloads = Task.Run(async () =>
        {
            for (var round = 0; round < 8; round++)
            {
                Folder.Write("MyApp/Sources/Methods/hello.4dm", $"ALERT(\"round {round}\")");
                (await admin.PostAsync("/plugins/projectserver/projects/MyApp/reload", null, stop.Token)).EnsureSuccessStatusCode();
            }
        }, stop.Token);
        var downloads = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var versions = new HashSet<string>();
            for (var round = 0; round < 10; round++)
            {
                var connection = await ProjectSite.ConnectAsync(service);
                // DownloadAsync checks each download's SHA-256 against the one its connection announced.
                ProjectSite.Contents(await ProjectSite.DownloadAsync(service, connection));
                versions.Add((string)connection["version"]!);
                (await service.DeleteAsync($"/connections/{(string)connection["session"]!}", stop.Token)).EnsureSuccessStatusCode();
            }
            return versions;
        }, stop.Token)).ToList();
        await reloads;
        var seen = (await Task.WhenAll(downloads)).SelectMany(versions => versions).ToHashSet();

        var project = (await admin.GetFromJsonAsync<JsonObject>("/plugins/projectserver/projects"))!["projects"]![0]!;
        var package = (string)project["package"]!;

        Assert.NotEmpty(seen);
        // Every connection closed: only the current version is left, and no build under a temporary name.
        Assert.Equal([package], Directory.GetFiles(Path.GetDirectoryName(package)!));
        Assert.EndsWith((string)project["version"]! + ".4dz", package, StringComparison.Ordinal);
    }
}
