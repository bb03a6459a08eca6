using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Modular.Testing;

namespace Modular.Plugins.ProjectServer.Tests;

/// <summary>What a remote package holds: the project's files, without what 4D leaves out of one (README, Published projects).</summary>
public sealed class PackageTests : FolderTests
{
    [Fact]
    public async Task The_package_holds_the_project_files_and_leaves_out_derived_data_logs_preferences_data_and_dot_files()
    {
        ProjectSite.WriteProject(Folder);
        Folder.Write("MyApp/Sources/catalog.4DCatalog", "<catalog/>");
        Folder.Write("MyApp/Resources/logo.svg", "<svg/>");
        Folder.Write("MyApp/Settings/directory.json", "{}");
        Folder.Write("MyApp/DerivedData/compiled.bin", "x");
        Folder.Write("MyApp/Sources/DerivedData/cache.bin", "x");
        Folder.Write("MyApp/Logs/server.log", "x");
        Folder.Write("MyApp/userPreferences.alice/window.json", "x");
        Folder.Write("MyApp/Data/MyApp.4DD", "x");
        Folder.Write("MyApp/Data/MyApp.4DIndx", "x");
        Folder.Write("MyApp/backup.journal", "x");
        Folder.Write("MyApp/.git/config", "secret");
        Folder.Write("MyApp/Sources/.DS_Store", "x");
        Folder.Write("MyApp/Resources/Data/table.json", "[]");
        await using var server = await ProjectSite.StartAsync(Folder);
        using var service = ProjectSite.Service(server);

        var connection = await ProjectSite.ConnectAsync(service);
        var contents = ProjectSite.Contents(await ProjectSite.DownloadAsync(service, connection));

        // A Data folder below the top is the project's own (a resource), not the data file's folder.
        Assert.Equal(
            ["MyApp.4DProject", "Resources/Data/table.json", "Resources/logo.svg", "Settings/directory.json", "Sources/Methods/hello.4dm", "Sources/catalog.4DCatalog"],
            contents.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("ALERT(\"hello\")", contents["Sources/Methods/hello.4dm"]);
        Assert.Equal(16, ((string)connection["version"]!).Length);
    }

    [Fact]
    public async Task An_unchanged_project_reloads_to_the_same_version_and_a_changed_one_to_a_new_one()
    {
        ProjectSite.WriteProject(Folder);
        await using var server = await ProjectSite.StartAsync(Folder);
        using var admin = ProjectSite.Admin(server);

        var same = await ReloadAsync(admin);
        Folder.Write("MyApp/Sources/Methods/hello.4dm", "ALERT(\"changed\")");
        var changed = await ReloadAsync(admin);

        Assert.False((bool)same["changed"]!);
        Assert.True((bool)changed["changed"]!);
        Assert.NotEqual((string)same["version"]!, (string)changed["version"]!);
    }

    [Fact]
    public async Task A_change_to_the_project_files_rebuilds_the_package_once_they_settle_but_a_change_to_logs_does_not()
    {
        ProjectSite.WriteProject(Folder);
        await using var server = await ProjectSite.StartAsync(Folder);
        using var service = ProjectSite.Service(server);
        var first = await VersionAsync(service);

        Folder.Write("MyApp/Logs/today.log", "ignored");
        await Task.Delay(1500);
        var afterLogs = await VersionAsync(service);
        Folder.Write("MyApp/Sources/Methods/new.4dm", "// new");
        string? afterSource = null;
        for (var attempt = 0; attempt < 50 && (afterSource is null || afterSource == first); attempt++)
        {
            await Task.Delay(100);
            afterSource = await VersionAsync(service);
        }

        Assert.Equal(first, afterLogs);
        Assert.NotEqual(first, afterSource);
        var contents = ProjectSite.Contents(await ProjectSite.DownloadAsync(service, await ProjectSite.ConnectAsync(service)));
        Assert.Contains("Sources/Methods/new.4dm", contents.Keys);
    }

    [Fact]
    public async Task A_folder_without_a_project_file_stops_the_start_naming_it()
    {
        Folder.Write("Empty/readme.txt", "no project here");

        var errors = await TestServer.StartFailsAsync(Folder, null, "--pluginsFolder", Folder.PluginsWith("projectserver"), "--projects", "Empty");

        var error = Assert.Single(errors);
        Assert.Contains($"projects: 'Empty' ({Folder.Combine("Empty")}) holds no *.4DProject file; a project folder holds exactly one", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_publication_name_with_two_projects_is_a_settings_error()
    {
        ProjectSite.WriteProject(Folder, "One");
        ProjectSite.WriteProject(Folder, "Two");
        Folder.Write("modular.json", """{ "projects": ["One", "Two"], "publicationName": "Both" }""");

        var errors = await TestServer.StartFailsAsync(Folder, null, "--pluginsFolder", Folder.PluginsWith("projectserver"));

        Assert.Contains(errors, error => error.Contains("publicationName", StringComparison.Ordinal)
            && error.Contains("names one project, but 2 are listed in projects", StringComparison.Ordinal));
    }

    private static async Task<JsonObject> ReloadAsync(HttpClient admin)
    {
        using var response = await admin.PostAsync("/plugins/projectserver/projects/MyApp/reload", null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<string> VersionAsync(HttpClient service)
    {
        var list = await service.GetFromJsonAsync<JsonObject>("/projects");
        return (string)list!["projects"]![0]!["version"]!;
    }
}
