using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Modular.Testing;

namespace Modular.Plugins.ProjectServer.Tests;

/// <summary>A server publishing projects from a test folder, and a remote client's calls to its publishing service.</summary>
internal static class ProjectSite
{
    /// <summary>Writes a project folder <paramref name="name"/> with a project file and a method.</summary>
    public static string WriteProject(TempFolder folder, string name = "MyApp")
    {
        folder.Write($"{name}/{name}.4DProject", """{ "version": "1" }""");
        folder.Write($"{name}/Sources/Methods/hello.4dm", "ALERT(\"hello\")");
        return folder.Combine(name);
    }

    /// <summary>Starts the server with the admin API, projectserver (and <paramref name="plugins"/>) and the settings file's
    /// <paramref name="settingsJson"/> members (JSON, without braces); publishingPort is a free port.</summary>
    public static Task<TestServer> StartAsync(TempFolder folder, string settingsJson = "\"projects\": [\"MyApp\"]", params string[] plugins)
    {
        folder.Write("modular.json", "{ " + settingsJson + " }");
        var admin = "127.0.0.1:" + FreePort.Next().ToString(CultureInfo.InvariantCulture);
        return TestServer.StartAsync(folder, null, "--pluginsFolder", folder.PluginsWith(["projectserver", .. plugins]),
            "--adminAddress", admin, "--publishingPort", TestServer.AnotherFreePort);
    }

    /// <summary>A client of the publishing service, from <paramref name="localAddress"/>.</summary>
    public static HttpClient Service(TestServer server, string localAddress = "127.0.0.1") =>
        LoopbackClient.From(localAddress, new Uri($"http://127.0.0.1:{server.OtherPorts[0].ToString(CultureInfo.InvariantCulture)}/"));

    public static HttpClient Admin(TestServer server) => new() { BaseAddress = server.Server.AdminAddress };

    /// <summary>Opens a connection to <paramref name="project"/>; the answer's JSON.</summary>
    public static async Task<JsonObject> ConnectAsync(HttpClient service, string project = "MyApp", string userName = "alice", string machineName = "alice-pc")
    {
        using var response = await service.PostAsJsonAsync($"/projects/{project}/connections", new { userName, machineName });
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Downloads the package a connection was given, checking its SHA-256 against the one announced.</summary>
    public static async Task<byte[]> DownloadAsync(HttpClient service, JsonObject connection)
    {
        using var request = Download(connection);
        using var response = await service.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal((string)connection["sha256"]!, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        return bytes;
    }

    /// <summary>The download request of a connection's package, with its session header.</summary>
    public static HttpRequestMessage Download(JsonObject connection)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, (string)connection["package"]!);
        request.Headers.Add("Modular-Session", (string)connection["session"]!);
        return request;
    }

    /// <summary>The package's entries and their text.</summary>
    public static IReadOnlyDictionary<string, string> Contents(byte[] package)
    {
        using var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        return zip.Entries.ToDictionary(entry => entry.FullName, entry =>
        {
            using var reader = new StreamReader(entry.Open());
            return reader.ReadToEnd();
        });
    }
}
