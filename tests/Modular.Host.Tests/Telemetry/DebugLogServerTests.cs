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
}
