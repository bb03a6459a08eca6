using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Modular.Testing;

namespace Modular.Plugins.ProjectServer.Tests;

/// <summary>Development mode: a client on the server's machine saves project files, and the project is reloaded before the answer.</summary>
public sealed class DevelopmentModeTests : FolderTests
{
    [Fact]
    public async Task A_saved_file_is_in_the_next_package_as_soon_as_the_write_returns()
    {
        ProjectSite.WriteProject(Folder);
        await using var server = await ProjectSite.StartAsync(Folder);
        using var service = ProjectSite.Service(server);
        var connection = await ProjectSite.ConnectAsync(service);

        using var saved = await service.PutAsync("/projects/MyApp/files/Sources/Methods/saved.4dm", new StringContent("// saved by the client"));
        var answer = (await saved.Content.ReadFromJsonAsync<JsonObject>())!;
        var next = await ProjectSite.ConnectAsync(service);
        var contents = ProjectSite.Contents(await ProjectSite.DownloadAsync(service, next));

        Assert.True((bool)connection["developmentMode"]!);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal((string)answer["version"]!, (string)next["version"]!);
        Assert.NotEqual((string)connection["version"]!, (string)next["version"]!);
        Assert.Equal("// saved by the client", contents["Sources/Methods/saved.4dm"]);
        Assert.Equal("// saved by the client", File.ReadAllText(Folder.Combine("MyApp", "Sources", "Methods", "saved.4dm")));
    }

    [Theory]
    [InlineData("Sources/catalog.4DCatalog", HttpStatusCode.Forbidden, "catalog.4DCatalog is written by the server only")]
    [InlineData("Settings/directory.json", HttpStatusCode.Forbidden, "directory.json is written by the server only")]
    [InlineData("Sources/..%5C..%5C..%5Coutside.txt", HttpStatusCode.BadRequest, "is not a file path inside the project folder")]
    [InlineData("DerivedData/x.bin", HttpStatusCode.BadRequest, "is not a file path inside the project folder")]
    [InlineData("linked/x.txt", HttpStatusCode.BadRequest, "is not a file path inside the project folder")]
    public async Task Files_the_server_owns_and_paths_out_of_the_project_are_refused(string path, HttpStatusCode expected, string reason)
    {
        ProjectSite.WriteProject(Folder);
        Directory.CreateDirectory(Folder.Combine("elsewhere"));
        Directory.CreateSymbolicLink(Folder.Combine("MyApp", "linked"), Folder.Combine("elsewhere"));
        await using var server = await ProjectSite.StartAsync(Folder);
        using var service = ProjectSite.Service(server);

        using var refused = await service.PutAsync($"/projects/MyApp/files/{path}", new StringContent("x"));

        Assert.Equal(expected, refused.StatusCode);
        Assert.Contains(reason, await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(File.Exists(Folder.Combine("outside.txt")));
        Assert.Empty(Directory.GetFiles(Folder.Combine("elsewhere")));
    }
}
