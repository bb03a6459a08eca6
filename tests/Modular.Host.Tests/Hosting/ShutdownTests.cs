using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Modular.Testing;

namespace Modular.Host.Tests.Hosting;

/// <summary>Scale-in: SIGTERM stops accepting, lets the requests in flight finish within shutdownTimeout, and exits 0; the
/// readiness probe says so from the start of the stop, the liveness probe as long as the process runs.</summary>
public sealed class ShutdownTests : FolderTests
{
    [Fact]
    public async Task SIGTERM_lets_a_request_in_flight_finish_refuses_new_connections_and_exits_0()
    {
        var (server, web, admin) = await StartAsync("--shutdownTimeout", "30");
        using var _ = server;
        using var client = new HttpClient();

        var slow = client.GetAsync(new Uri(web, "slow?ms=2000"));
        await InFlightAsync(admin);
        var stopping = Stopwatch.StartNew();
        Terminate(server.Process);
        await Task.Delay(300);
        var refused = await Record.ExceptionAsync(() => ConnectAsync(web));
        using var answer = await slow;
        await server.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal("slow", await answer.Content.ReadAsStringAsync());
        Assert.IsType<SocketException>(refused);
        Assert.Equal(0, server.Process.ExitCode);
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(10), $"exited {stopping.Elapsed} after SIGTERM");
        // Its last word is that the process ends, not the admin API's "stopped, the process keeps running".
        Assert.Contains("The web server stopped; the process ends.", server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("keep running", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Past_shutdownTimeout_the_requests_left_are_cut_and_the_process_still_exits_0()
    {
        var (server, web, admin) = await StartAsync("--shutdownTimeout", "1");
        using var _ = server;
        using var client = new HttpClient();

        var slow = client.GetAsync(new Uri(web, "slow?ms=20000"));
        await InFlightAsync(admin);
        var stopping = Stopwatch.StartNew();
        Terminate(server.Process);
        var cut = await Record.ExceptionAsync(() => slow);
        await server.Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.IsType<HttpRequestException>(cut);
        Assert.Equal(0, server.Process.ExitCode);
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(8), $"exited {stopping.Elapsed} after SIGTERM");
    }

    [Fact]
    public async Task Readiness_follows_the_web_server_and_liveness_the_process_without_the_token()
    {
        var (server, _, admin) = await StartAsync("--adminToken", "a-token-of-20-chars!");
        using var __ = server;
        using var client = new HttpClient();
        using var authorized = new HttpClient();
        authorized.DefaultRequestHeaders.Authorization = new("Bearer", "a-token-of-20-chars!");

        var ready = await ProbeAsync(client, admin, "readyz");
        using var stopped = await authorized.PostAsync(new Uri(admin, "server/stop"), null);
        var stoppedReady = await ProbeAsync(client, admin, "readyz");
        var stoppedLive = await ProbeAsync(client, admin, "healthz");
        using var started = await authorized.PostAsync(new Uri(admin, "server/start"), null);
        var readyAgain = await ProbeAsync(client, admin, "readyz");

        Assert.Equal((HttpStatusCode.OK, "Healthy"), ready);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy: the web server is stopped"), stoppedReady);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), stoppedLive);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), readyAgain);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri(admin, "settings"))).StatusCode);
    }

    [Fact]
    public async Task While_a_stop_drains_the_requests_in_flight_the_server_is_unready_but_alive()
    {
        var (server, web, admin) = await StartAsync("--shutdownTimeout", "30");
        using var _ = server;
        using var client = new HttpClient();

        var slow = client.GetAsync(new Uri(web, "slow?ms=3000"));
        await InFlightAsync(admin);
        var stop = client.PostAsync(new Uri(admin, "server/stop"), null);
        // Until the stop has begun (on a loaded machine the POST may take a while to arrive), within the slow request's 3 s.
        var drainingReady = await Polling.UntilStatusAsync(client, new Uri(admin, "readyz").ToString(), HttpStatusCode.ServiceUnavailable, 3);
        var drainingLive = await ProbeAsync(client, admin, "healthz");
        using var answer = await slow;
        using var stopped = await stop;

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy: the web server is stopping"), drainingReady);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), drainingLive);
        Assert.Equal("slow", await answer.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Equal((HttpStatusCode.ServiceUnavailable, "Unhealthy: the web server is stopped"), await ProbeAsync(client, admin, "readyz"));
    }

    /// <summary>Waits until the server counts a request in flight (its admin API says), so that the stop finds it there.</summary>
    private static async Task InFlightAsync(Uri admin)
    {
        using var client = new HttpClient();
        for (var tries = 0; tries < 100; tries++)
        {
            var statistics = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync(new Uri(admin, "statistics")))!;
            if ((int)statistics["inFlight"]! > 0)
            {
                return;
            }
            await Task.Delay(50);
        }
        Assert.Fail("the slow request never reached the server");
    }

    private async Task<(RunningModular Server, Uri Web, Uri Admin)> StartAsync(params string[] settings)
    {
        var port = FreePort.Next();
        var adminPort = FreePort.Next();
        var server = RunningModular.Start(Folder.Path, ["--HTTPPort", $"{port}", "--IPAddressToListen", "127.0.0.1", "--adminAddress", $"127.0.0.1:{adminPort}",
            "--pluginsFolder", Folder.PluginsWith("sessions", "sessionapp"), "--plugins", "sessions,sessionapp", .. settings]);
        await server.WaitForLineAsync("The admin API is listening on");
        return (server, new Uri($"http://127.0.0.1:{port}/"), new Uri($"http://127.0.0.1:{adminPort}/"));
    }

    private static async Task<(HttpStatusCode, string)> ProbeAsync(HttpClient client, Uri admin, string probe)
    {
        using var answer = await client.GetAsync(new Uri(admin, probe));
        return (answer.StatusCode, await answer.Content.ReadAsStringAsync());
    }

    private static void Terminate(Process process) => Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    private static async Task ConnectAsync(Uri web)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, web.Port);
    }
}
