using System.Globalization;

namespace Modular.Testing;

/// <summary>The real executable in a process of its own, listening: for tests that read what it prints, and for traces and
/// metrics, whose sources are one per process (the many servers the other tests run in theirs would show up).</summary>
internal sealed class ServerProcess : IDisposable
{
    private ServerProcess(RunningModular process, int port)
    {
        Process = process;
        Port = port;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public RunningModular Process { get; }

    public int Port { get; }

    public HttpClient Client { get; }

    /// <summary>Starts it on 127.0.0.1 and a free port (admin API off unless given) and waits until it listens.</summary>
    public static async Task<ServerProcess> StartAsync(TempFolder folder, IReadOnlyDictionary<string, string>? environment, params string[] settings)
    {
        var port = FreePort.Next();
        string[] admin = settings.Contains("--adminAddress") ? [] : ["--adminAddress", "off"];
        var process = RunningModular.Start(folder.Path, environment, ["--IPAddressToListen", "127.0.0.1", "--HTTPPort", port.ToString(CultureInfo.InvariantCulture), .. admin, .. settings]);
        try
        {
            await process.WaitForLineAsync("is listening on");
            if (admin.Length == 0)
            {
                // The admin API starts after the web server.
                await process.WaitForLineAsync("The admin API is listening on");
            }
            return new ServerProcess(process, port);
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Client.Dispose();
        Process.Dispose();
    }
}
