using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Modular.Testing;
using StackExchange.Redis;

namespace Modular.Plugins.Sessions.Tests;

/// <summary>A real redis-server (Debian's, installed by the test command) on a loopback port of its own, without persistence;
/// it can be stopped and started again on the same port, as an outage looks to its clients.</summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private Process? process;
    private ConnectionMultiplexer? inspector;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The sessionRedisConfiguration that reaches it.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        var redis = new RedisServer(FreePort.Next());
        await redis.RestartAsync();
        return redis;
    }

    /// <summary>Starts it (again) on its port; empty, since nothing is saved.</summary>
    public async Task RestartAsync()
    {
        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
        {
            start.ArgumentList.Add(argument);
        }
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"redis-server cannot be started ({e.Message}); ./test.sh installs Debian's redis-server package.");
        }
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        process.ErrorDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await AnswersPingAsync())
        {
            if (process.HasExited)
            {
                Assert.Fail($"redis-server exited ({process.ExitCode}) on port {Port}: {string.Join('\n', output)}");
            }
            Assert.True(DateTime.UtcNow < deadline, $"redis-server did not answer PING on port {Port} within 20 s");
            await Task.Delay(50);
        }
    }

    /// <summary>Kills it: its clients see their connections drop, and nothing answers on the port until <see cref="RestartAsync"/>.</summary>
    public async Task StopAsync()
    {
        if (process is { HasExited: false } running)
        {
            running.Kill();
            await running.WaitForExitAsync();
        }
        process?.Dispose();
        process = null;
    }

    /// <summary>The test's own view of the data, to check what the server wrote (keys, fields, expiry).</summary>
    public IDatabase Inspect()
    {
        inspector ??= ConnectionMultiplexer.Connect(new ConfigurationOptions { EndPoints = { Configuration }, AbortOnConnectFail = false });
        return inspector.GetDatabase();
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, Port);
            await socket.SendAsync("PING\r\n"u8.ToArray());
            var answer = new byte[16];
            var read = await socket.ReceiveAsync(answer);
            return Encoding.ASCII.GetString(answer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (inspector is not null)
        {
            await inspector.DisposeAsync();
        }
        await StopAsync();
    }
}
