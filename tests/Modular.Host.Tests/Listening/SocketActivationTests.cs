using Modular.Testing;

namespace Modular.Host.Tests.Listening;

/// <summary>systemd socket activation (LISTEN_FDS): an unprivileged server serves the privileged port a socket unit bound for it,
/// started here by systemd's own systemd-socket-activate as a socket unit would.</summary>
public sealed class SocketActivationTests : FolderTests
{
    /// <summary>Below 1024, and a port no test binds otherwise.</summary>
    private const int Port = 79;

    [Fact]
    public async Task An_unprivileged_server_serves_the_port_systemd_hands_over_and_keeps_it_across_a_stop_and_start()
    {
        Folder.Write("www/index.html", "activated");
        File.SetUnixFileMode(Folder.Path, (UnixFileMode)0b111_111_111);
        var admin = FreePort.Next();
        var start = ModularProcess.StartInfo(Folder.Path,
            ["--HTTPPort", $"{Port}", "--IPAddressToListen", "127.0.0.1", "--rootFolder", Folder.Combine("www"), "--adminAddress", $"127.0.0.1:{admin}", "--plugins", ""],
            ["systemd-socket-activate", "--listen", $"127.0.0.1:{Port}", "/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all", "--bounding-set=-all"],
            new Dictionary<string, string> { ["HOME"] = Folder.Path });
        using var server = RunningModular.Start(start);
        using var client = new HttpClient();
        var page = new Uri($"http://127.0.0.1:{Port}/");

        // systemd-socket-activate starts the server on the first connection, which waits in the socket's queue meanwhile.
        await server.WaitForLineAsync($"Listening on 127.0.0.1:{Port} as 3.");
        var first = await client.GetStringAsync(page);
        await server.WaitForLineAsync("The admin API is listening on");
        using var stop = await client.PostAsync(new Uri($"http://127.0.0.1:{admin}/server/stop"), null);
        using var restart = await client.PostAsync(new Uri($"http://127.0.0.1:{admin}/server/start"), null);
        var again = await client.GetStringAsync(page);

        Assert.Equal("activated", first);
        Assert.True(stop.IsSuccessStatusCode && restart.IsSuccessStatusCode, await restart.Content.ReadAsStringAsync());
        Assert.Equal("activated", again);
        Assert.Contains($"Modular is listening on http://127.0.0.1:{Port}/", server.Output, StringComparison.Ordinal);
    }
}
