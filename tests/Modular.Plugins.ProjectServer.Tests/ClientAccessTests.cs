using System.Net;
using Modular.Testing;

namespace Modular.Plugins.ProjectServer.Tests;

/// <summary>clientAllowDeny: ordered rows, first match wins, '*' as "starts with"; web visitors are not concerned.</summary>
public sealed class ClientAccessTests : FolderTests
{
    private const string Rows = """
        "projects": ["MyApp"],
        "clientAllowDeny": [
            { "access": "deny", "pattern": "127.0.0.2" },
            { "access": "allow", "pattern": "127.0.0.*" },
            { "access": "deny", "pattern": "*" } ]
        """;

    [Theory]
    [InlineData("127.0.0.1", HttpStatusCode.OK, "")]
    [InlineData("127.0.0.2", HttpStatusCode.Forbidden, "clientAllowDeny row 1 (deny 127.0.0.2) denies 127.0.0.2")]
    [InlineData("127.0.1.1", HttpStatusCode.Forbidden, "clientAllowDeny row 3 (deny *) denies 127.0.1.1")]
    public async Task The_first_matching_row_decides(string client, HttpStatusCode expected, string reason)
    {
        ProjectSite.WriteProject(Folder);
        await using var server = await ProjectSite.StartAsync(Folder, Rows);
        using var service = ProjectSite.Service(server, client);

        using var response = await service.GetAsync("/projects");

        Assert.Equal(expected, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_table_does_not_govern_web_visitors()
    {
        ProjectSite.WriteProject(Folder);
        Folder.Write("WebFolder/index.html", "<p>web</p>");
        await using var server = await ProjectSite.StartAsync(Folder, Rows);
        using var web = LoopbackClient.From("127.0.0.2", server.Client.BaseAddress!);

        Assert.Equal("<p>web</p>", await web.GetStringAsync("/"));
    }

    [Fact]
    public async Task A_malformed_row_is_a_settings_error_naming_the_row_and_what_is_allowed()
    {
        ProjectSite.WriteProject(Folder);
        Folder.Write("modular.json", """{ "projects": ["MyApp"], "clientAllowDeny": [ { "access": "permit", "pattern": "*" }, { "access": "allow", "pattern": "10.*.1" } ] }""");

        var errors = string.Join("\n", await TestServer.StartFailsAsync(Folder, null, "--pluginsFolder", Folder.PluginsWith("projectserver")));

        Assert.Contains("row 1: access 'permit' is neither allow nor deny", errors, StringComparison.Ordinal);
        Assert.Contains("row 2: pattern '10.*.1' is not an address or the start of one followed by '*'", errors, StringComparison.Ordinal);
    }
}
