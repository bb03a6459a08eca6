using System.Globalization;
using Modular.Testing;

namespace Modular.Host.Tests.Admin;

/// <summary>Base of the admin API's tests: a server with a page and the admin API on a loopback port of its own.</summary>
public abstract class AdminTests : FolderTests
{
    /// <summary>Starts the server; <see cref="AdminAddress"/> and <see cref="Admin"/> then reach its admin API.</summary>
    internal async Task<TestServer> StartWithAdminAsync(params string[] settings)
    {
        Folder.Write("WebFolder/page.html", "<p>page</p>");
        AdminAddress = "127.0.0.1:" + FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var server = await TestServer.StartAsync(Folder, null, ["--adminAddress", AdminAddress, .. settings]);
        Admin = new HttpClient { BaseAddress = server.Server.AdminAddress };
        return server;
    }

    /// <summary>The admin API's address and port, as given to adminAddress.</summary>
    internal string AdminAddress { get; private set; } = "";

    /// <summary>A client for the admin API, disposed with the test.</summary>
    internal HttpClient Admin { get; private set; } = new();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Admin.Dispose();
        }
        base.Dispose(disposing);
    }
}
