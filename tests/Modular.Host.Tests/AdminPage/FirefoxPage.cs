using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Modular.Testing;

namespace Modular.Host.Tests.AdminPage;

/// <summary>Debian's headless Firefox ESR driven over WebDriver BiDi (its own remote protocol, a WebSocket of JSON commands):
/// Playwright drives only its own patched Firefox builds, which cannot be downloaded here.</summary>
/// <remarks>The profile sends every connection that is not to loopback to 127.0.0.1:9, where nothing listens, resolves every
/// name to 127.0.0.1 without asking DNS, and turns off DNS-over-HTTPS and prefetching, so the browser's own background requests
/// never leave the machine (checked with strace: its only connections were to 127.0.0.1 and local Unix sockets).</remarks>
internal sealed class FirefoxPage : IAsyncDisposable
{
    public const string Executable = "/usr/bin/firefox-esr";

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    private static readonly string[] OfflinePreferences =
    [
        """user_pref("network.proxy.type", 1);""",
        """user_pref("network.proxy.http", "127.0.0.1");""", """user_pref("network.proxy.http_port", 9);""",
        """user_pref("network.proxy.ssl", "127.0.0.1");""", """user_pref("network.proxy.ssl_port", 9);""",
        """user_pref("network.proxy.socks", "127.0.0.1");""", """user_pref("network.proxy.socks_port", 9);""",
        """user_pref("network.proxy.socks_remote_dns", true);""",
        """user_pref("network.proxy.no_proxies_on", "127.0.0.1,localhost,[::1]");""",
        """user_pref("network.trr.mode", 5);""",
        // Every name resolves to loopback without a DNS query (Firefox's remote settings asked the resolver even through the
        // proxy), and the remote settings go to the dead port too.
        """user_pref("network.dns.forceResolve", "127.0.0.1");""",
        """user_pref("services.settings.server", "http://127.0.0.1:9/v1");""",
        """user_pref("network.dns.disablePrefetch", true);""",
        """user_pref("network.prefetch-next", false);""",
        """user_pref("network.captive-portal-service.enabled", false);""",
        """user_pref("network.connectivity-service.enabled", false);""",
        """user_pref("browser.safebrowsing.update.enabled", false);""",
        """user_pref("datareporting.policy.dataSubmissionEnabled", false);""",
        """user_pref("toolkit.telemetry.enabled", false);""",
    ];

    private readonly Process firefox;
    private readonly TempFolder profile;
    private readonly ClientWebSocket socket;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> pending = new();
    private readonly Task reading;
    private int lastId;
    private string context = "";

    private FirefoxPage(Process firefox, TempFolder profile, ClientWebSocket socket)
    {
        this.firefox = firefox;
        this.profile = profile;
        this.socket = socket;
        reading = Task.Run(ReadAsync);
    }

    /// <summary>Errors the page's scripts raised or logged (log.entryAdded at level error).</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    public static async Task<FirefoxPage> LaunchAsync(int width, int height)
    {
        var profile = new TempFolder();
        profile.Write("user.js", string.Join('\n', OfflinePreferences));
        var port = FreePort.Next();
        var start = new ProcessStartInfo(Executable, ["--headless", "--no-remote", "--profile", profile.Path, "--remote-debugging-port", $"{port}", "about:blank"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["MOZ_CRASHREPORTER_DISABLE"] = "1";
        var firefox = Process.Start(start) ?? throw new InvalidOperationException("firefox-esr did not start");
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new ConcurrentQueue<string>();
        firefox.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                return;
            }
            output.Enqueue(line.Data);
            if (line.Data.Contains("WebDriver BiDi listening on", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        };
        firefox.OutputDataReceived += (_, _) => { };
        firefox.BeginErrorReadLine();
        firefox.BeginOutputReadLine();
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            firefox.Kill(entireProcessTree: true);
            throw new InvalidOperationException("firefox-esr did not open its remote agent within 60 s:\n" + string.Join('\n', output));
        }
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/session"), CancellationToken.None);
        var page = new FirefoxPage(firefox, profile, socket);
        await page.SendAsync("session.new", new JsonObject { ["capabilities"] = new JsonObject() });
        await page.SendAsync("session.subscribe", new JsonObject { ["events"] = new JsonArray("log.entryAdded") });
        var tree = await page.SendAsync("browsingContext.getTree", new JsonObject());
        page.context = tree.GetProperty("contexts")[0].GetProperty("context").GetString()!;
        await page.SetViewportAsync(width, height);
        return page;
    }

    public Task SetViewportAsync(int width, int height) => SendAsync("browsingContext.setViewport", new JsonObject
    {
        ["context"] = context,
        ["viewport"] = new JsonObject { ["width"] = width, ["height"] = height },
    });

    public Task GotoAsync(Uri address) => SendAsync("browsingContext.navigate", new JsonObject
    {
        ["context"] = context,
        ["url"] = address.ToString(),
        ["wait"] = "complete",
    });

    /// <summary>The value of a script expression (awaited when it is a promise): a string, number or boolean, or null.</summary>
    public async Task<JsonElement?> EvaluateAsync(string expression)
    {
        var answer = await SendAsync("script.evaluate", new JsonObject
        {
            ["expression"] = expression,
            ["target"] = new JsonObject { ["context"] = context },
            ["awaitPromise"] = true,
            ["resultOwnership"] = "none",
        });
        if (answer.GetProperty("type").GetString() == "exception")
        {
            throw new InvalidOperationException($"'{expression}' threw: {answer.GetProperty("exceptionDetails").GetProperty("text").GetString()}");
        }
        return answer.GetProperty("result").TryGetProperty("value", out var value) ? value.Clone() : null;
    }

    public async Task<string?> TextAsync(string expression) => (await EvaluateAsync(expression))?.GetString();

    /// <summary>Polls <paramref name="condition"/> (a script expression) until it is true, at most 10 s; then fails naming
    /// <paramref name="describe"/>'s value.</summary>
    public async Task WaitForAsync(string condition, string describe)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            if ((await EvaluateAsync($"Boolean({condition})"))?.GetBoolean() == true)
            {
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"Firefox: '{condition}' stayed false for 10 s; {describe} is {(await EvaluateAsync(describe))?.ToString() ?? "null"}");
    }

    /// <summary>Writes the whole page as artifacts/screenshots/admin-firefox-<paramref name="name"/>.png.</summary>
    public async Task ScreenshotAsync(string name)
    {
        var shot = await SendAsync("browsingContext.captureScreenshot", new JsonObject { ["context"] = context, ["origin"] = "document" });
        var folder = Path.Combine(RepoPaths.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, $"admin-firefox-{name}.png"), Convert.FromBase64String(shot.GetProperty("data").GetString()!));
    }

    private async Task<JsonElement> SendAsync(string method, JsonObject parameters)
    {
        var id = Interlocked.Increment(ref lastId);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        pending[id] = answer;
        var command = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        await socket.SendAsync(Encoding.UTF8.GetBytes(command.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        return await answer.Task.WaitAsync(CommandTimeout);
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        while (socket.State == WebSocketState.Open)
        {
            WebSocketReceiveResult received;
            try
            {
                received = await socket.ReceiveAsync(buffer, CancellationToken.None);
            }
            catch (WebSocketException)
            {
                break;
            }
            if (received.MessageType == WebSocketMessageType.Close)
            {
                break;
            }
            message.Write(buffer, 0, received.Count);
            if (received.EndOfMessage)
            {
                using (var document = JsonDocument.Parse(message.ToArray()))
                {
                    Dispatch(document.RootElement);
                }
                message.SetLength(0);
            }
        }
        foreach (var waiting in pending.Values)
        {
            waiting.TrySetException(new InvalidOperationException("Firefox closed its remote connection"));
        }
    }

    private void Dispatch(JsonElement message)
    {
        if (message.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.Number && pending.TryRemove(id.GetInt32(), out var waiting))
        {
            if (message.GetProperty("type").GetString() == "error")
            {
                waiting.TrySetException(new InvalidOperationException($"BiDi {message.GetProperty("error").GetString()}: {message.GetProperty("message").GetString()}"));
            }
            else
            {
                waiting.TrySetResult(message.GetProperty("result").Clone());
            }
        }
        else if (message.TryGetProperty("method", out var method) && method.GetString() == "log.entryAdded")
        {
            var entry = message.GetProperty("params");
            if (entry.GetProperty("level").GetString() == "error")
            {
                Errors.Enqueue(entry.TryGetProperty("text", out var text) ? text.GetString() ?? "" : entry.ToString());
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await SendAsync("browser.close", new JsonObject()).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or WebSocketException)
        {
            // Closed already, or stuck: it is killed below either way.
        }
        if (!firefox.WaitForExit(5000))
        {
            firefox.Kill(entireProcessTree: true);
            await firefox.WaitForExitAsync();
        }
        await reading;
        socket.Dispose();
        firefox.Dispose();
        profile.Dispose();
    }
}
