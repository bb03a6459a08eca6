using Modular.Host.Hosting;


namespace Modular.Testing;

/// <summary>The real server, started in this process on a loopback port, with its own settings folder.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private readonly bool ownsFolder;

    /// <summary>Stands for a port of its own in the settings of <see cref="StartAsync"/>: each start attempt replaces it with a free one.</summary>
    public const string AnotherFreePort = "{free port}";

    private TestServer(ModularServer server, TempFolder folder, bool ownsFolder, int port, IReadOnlyList<int> otherPorts)
    {
        Server = server;
        Folder = folder;
        this.ownsFolder = ownsFolder;
        Port = port;
        OtherPorts = otherPorts;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    public ModularServer Server { get; }

    public TempFolder Folder { get; }

    /// <summary>The HTTP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The ports that replaced <see cref="AnotherFreePort"/>, in order.</summary>
    public IReadOnlyList<int> OtherPorts { get; }

    /// <summary>A client for http://127.0.0.1:port.</summary>
    public HttpClient Client { get; }

    /// <summary>Starts on 127.0.0.1 and a free port; <paramref name="settings"/> are --Name value pairs that may override those,
    /// with <see cref="AnotherFreePort"/> for any other port (all are picked again when another test took one first).</summary>
    public static Task<TestServer> StartAsync(TempFolder? folder = null, IReadOnlyDictionary<string, string>? environment = null, params string[] settings) =>
        StartAsync(folder, environment, TimeProvider.System, settings);

    /// <summary>The same, with <paramref name="clock"/> as the server's clock (a fake one moves sessions' time on at will).</summary>
    public static async Task<TestServer> StartAsync(TempFolder? folder, IReadOnlyDictionary<string, string>? environment, TimeProvider clock, params string[] settings)
    {
        var ownsFolder = folder is null;
        folder ??= new TempFolder();
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var otherPorts = new List<int>();
            var resolved = settings.Select(setting => setting == AnotherFreePort ? Text(Pick(otherPorts)) : setting);
            try
            {
                // Tests run in parallel: the admin API is off unless a test asks for it (on a port of its own).
                string[] admin = settings.Contains("--adminAddress") ? [] : ["--adminAddress", "off"];
                var server = await ModularServer.StartAsync(Options(folder, environment, ["--IPAddressToListen", "127.0.0.1", "--HTTPPort", Text(port), .. admin, .. resolved]) with { Clock = clock });
                return new TestServer(server, folder, ownsFolder, port, otherPorts);
            }
            catch (StartupException e) when (attempt < 3 && e.Message.Contains("already in use", StringComparison.Ordinal))
            {
                // Another test took the port between its release and this bind: take another.
            }
            catch
            {
                if (ownsFolder)
                {
                    folder.Dispose();
                }
                throw;
            }
        }
    }

    private static int Pick(List<int> ports)
    {
        ports.Add(FreePort.Next());
        return ports[^1];
    }

    private static string Text(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The start options of a server whose settings file (if any) and HTML root live in <paramref name="folder"/>.</summary>
    public static StartOptions Options(TempFolder folder, IReadOnlyDictionary<string, string>? environment, IReadOnlyList<string> settings) => new()
    {
        WorkingDirectory = folder.Path,
        SettingArguments = settings,
        Environment = (environment ?? new Dictionary<string, string>()).Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value)),
    };

    /// <summary>Expects the start to fail and returns every error it reported.</summary>
    public static async Task<IReadOnlyList<string>> StartFailsAsync(TempFolder folder, IReadOnlyDictionary<string, string>? environment = null, params string[] settings)
    {
        var failure = await Assert.ThrowsAsync<StartupException>(() => ModularServer.StartAsync(Options(folder, environment, settings)));
        return failure.Errors;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        if (ownsFolder)
        {
            Folder.Dispose();
        }
    }
}
