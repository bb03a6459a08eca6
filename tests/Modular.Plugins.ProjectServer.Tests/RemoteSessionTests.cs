using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Modular.Testing;

namespace Modular.Plugins.ProjectServer.Tests;

/// <summary>Remote user sessions: one per connection, seen by other plugins' handlers (one of which throws), ended by the client or an operator.</summary>
public sealed class RemoteSessionTests : FolderTests
{
    [Fact]
    public async Task Open_and_shutdown_handlers_run_for_each_connection_and_a_throwing_one_breaks_nothing()
    {
        ProjectSite.WriteProject(Folder);
        await using var server = await ProjectSite.StartAsync(Folder, "\"projects\": [\"MyApp\"]", "remotehooks");
        using var service = ProjectSite.Service(server);

        var connection = await ProjectSite.ConnectAsync(service, userName: "alice", machineName: "alice-pc");
        var id = (string)connection["session"]!;
        var storage = await server.Client.GetStringAsync($"/hooks/storage?id={id}");
        await ProjectSite.DownloadAsync(service, connection);
        using var closed = await service.DeleteAsync($"/connections/{id}");
        var events = await server.Client.GetStringAsync("/hooks/events");

        Assert.Equal("greeted=alice", storage);
        Assert.Equal(HttpStatusCode.NoContent, closed.StatusCode);
        Assert.Equal($"open {id} MyApp alice alice-pc 127.0.0.1 active\nshutdown {id} closed", events);
        Assert.Equal("(no session)", await server.Client.GetStringAsync($"/hooks/storage?id={id}"));
    }

    [Fact]
    public async Task An_operator_lists_sessions_and_ends_one_which_then_cannot_download()
    {
        ProjectSite.WriteProject(Folder);
        await using var server = await ProjectSite.StartAsync(Folder, "\"projects\": [\"MyApp\"]", "remotehooks");
        using var service = ProjectSite.Service(server);
        using var admin = ProjectSite.Admin(server);
        var alice = await ProjectSite.ConnectAsync(service, userName: "alice");
        var bob = await ProjectSite.ConnectAsync(service, userName: "bob", machineName: "bob-mac");

        var listed = (await admin.GetFromJsonAsync<JsonObject>("/plugins/projectserver/sessions"))!["sessions"]!.AsArray();
        using var ended = await admin.DeleteAsync($"/plugins/projectserver/sessions/{(string)alice["session"]!}");
        using var endedAgain = await admin.DeleteAsync($"/plugins/projectserver/sessions/{(string)alice["session"]!}");
        using var download = await service.SendAsync(ProjectSite.Download(alice));

        Assert.Equal(["alice", "bob"], listed.Select(row => (string)row!["info"]!["userName"]!));
        Assert.Equal("bob-mac", (string)listed[1]!["info"]!["machineName"]!);
        Assert.Equal("active", (string)listed[1]!["info"]!["state"]!);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, endedAgain.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, download.StatusCode);
        Assert.EndsWith($"shutdown {(string)alice["session"]!} closed", await server.Client.GetStringAsync("/hooks/events"), StringComparison.Ordinal);
        await ProjectSite.DownloadAsync(service, bob);
    }
}
