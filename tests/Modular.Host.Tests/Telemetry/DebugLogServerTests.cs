using Modular.Testing;

namespace Modular.Host.Tests.Telemetry;

/// <summary>Tests of a server with the probe plugin (its streaming, body and cookie endpoints) and a page of its own.</summary>
public abstract class DebugLogServerTests : FolderTests
{
    protected const string Page = "<p>a page of the debug log tests</p>";

    private protected Task<ServerProcess> StartAsync(params string[] settings)
    {
        Folder.Write("WebFolder/page.html", Page);
        return ServerProcess.StartAsync(Folder, null, ["--pluginsFolder", Folder.PluginsWith("probe"), .. settings]);
    }

    /// <summary>The server with its admin API on a port of its own, and a client of that API.</summary>
    private protected async Task<(ServerProcess Server, HttpClient Admin)> StartWithAdminAsync()
    {
        var admin = "127.0.0.1:" + FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (await StartAsync("--adminAddress", admin), new HttpClient { BaseAddress = new Uri("http://" + admin) });
    }

    /// <summary>debugLog changed through the admin API, which must accept it.</summary>
    private protected static async Task SetDebugLogAsync(HttpClient admin, int level)
    {
        using var change = await admin.PatchAsync("/settings", new StringContent($$"""{"debugLog": {{level}}}"""));
        Assert.Equal(System.Net.HttpStatusCode.OK, change.StatusCode);
    }
}
