using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Modular.Abstractions;
using Modular.Plugins.HelperTool.Listening;
using Modular.Testing;

namespace Modular.Plugins.HelperTool.Tests;

/// <summary>The helper's own rules, asked directly on its socket: malformed, oversized and silent clients, and its policy file.</summary>
public sealed class HelperRequestTests : FolderTests
{
    private readonly int port = FreePort.Next();

    private string RootMayHavePort => $$"""{ "users": ["root"], "ports": [{{port}}], "addresses": ["*"] }""";

    [Fact]
    public async Task An_allowed_request_gets_a_listening_socket_bound_as_asked()
    {
        using var helper = await HelperDaemon.StartAsync(Folder, RootMayHavePort);
        var endpoint = new IPEndPoint(IPAddress.Loopback, port);

        using var listener = HelperClient.RequestListenSocket(helper.SocketPath, endpoint);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(endpoint);
        using var accepted = await listener.AcceptAsync();

        Assert.Equal(endpoint, listener.LocalEndPoint);
        Assert.Equal(client.LocalEndPoint, accepted.RemoteEndPoint);
        await helper.WaitForLogAsync($"gave uid 0 (root), pid {Environment.ProcessId} 127.0.0.1:{port}");
    }

    [Fact]
    public async Task The_any_address_gets_a_dual_mode_socket()
    {
        using var helper = await HelperDaemon.StartAsync(Folder, RootMayHavePort);

        using var listener = HelperClient.RequestListenSocket(helper.SocketPath, new IPEndPoint(IPAddress.IPv6Any, port));
        using var ipv4 = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await ipv4.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        using var accepted = await listener.AcceptAsync();

        Assert.True(listener.DualMode);
        Assert.Equal(IPAddress.Loopback, ((IPEndPoint)accepted.RemoteEndPoint!).Address.MapToIPv4());
    }

    [Theory]
    [InlineData("hello", "the request is not {\"address\":\"…\",\"port\":N}")]
    [InlineData("{\"address\":\"127.0.0.1\"}", "the request is not {\"address\":\"…\",\"port\":N}")]
    [InlineData("{\"address\":\"127.0.0.1\",\"port\":80,\"user\":\"root\"}", "the request is not {\"address\":\"…\",\"port\":N}")]
    [InlineData("{\"address\":null,\"port\":80}", "the request is not {\"address\":\"…\",\"port\":N}")]
    [InlineData("null", "the request is null")]
    [InlineData("{\"address\":\"localhost\",\"port\":80}", "address \"localhost\" is not an IPv4 or IPv6 address")]
    [InlineData("{\"address\":\"127.0.0.1\",\"port\":0}", "port 0 is outside 1-65535")]
    [InlineData("{\"address\":\"127.0.0.1\",\"port\":70000}", "port 70000 is outside 1-65535")]
    public async Task A_malformed_request_is_refused_with_the_reason_and_the_helper_keeps_serving(string request, string reason)
    {
        using var helper = await HelperDaemon.StartAsync(Folder, RootMayHavePort);

        var answer = await AskAsync(helper, Encoding.UTF8.GetBytes(request + "\n"));

        Assert.StartsWith("{\"error\":", answer, StringComparison.Ordinal);
        Assert.Contains(JsonText(reason), answer, StringComparison.Ordinal);
        using var still = HelperClient.RequestListenSocket(helper.SocketPath, new IPEndPoint(IPAddress.Loopback, port));
        Assert.NotNull(still.LocalEndPoint);
    }

    [Fact]
    public async Task An_oversized_request_is_refused_and_the_helper_keeps_serving()
    {
        using var helper = await HelperDaemon.StartAsync(Folder, RootMayHavePort);

        var answer = await AskAsync(helper, Encoding.UTF8.GetBytes(new string('x', 64 * 1024)));

        Assert.Contains("the request is longer than 1024 bytes", answer, StringComparison.Ordinal);
        using var still = HelperClient.RequestListenSocket(helper.SocketPath, new IPEndPoint(IPAddress.Loopback, port));
        Assert.NotNull(still.LocalEndPoint);
    }

    [Fact]
    public async Task A_silent_client_does_not_hold_up_the_others_and_is_dropped_after_its_deadline()
    {
        using var helper = await HelperDaemon.StartAsync(Folder, RootMayHavePort);
        using var silent = await ConnectAsync(helper);

        var served = Stopwatch.StartNew();
        using var socket = HelperClient.RequestListenSocket(helper.SocketPath, new IPEndPoint(IPAddress.Loopback, port));
        served.Stop();

        // Well under the silent client's 5 s deadline: it was served beside it, not after it.
        Assert.True(served.Elapsed < TimeSpan.FromSeconds(3), $"served after {served.Elapsed}");
        Assert.Contains("no whole request within 5 s", await ReadAnswerAsync(silent), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_policy_refuses_with_its_reason_and_a_fixed_one_applies_at_once()
    {
        using var helper = await HelperDaemon.StartAsync(Folder, RootMayHavePort);
        File.WriteAllText(helper.PolicyFile, """{ "users": ["root"], "ports": ["eighty"], "addresses": ["*"] }""");
        var endpoint = new IPEndPoint(IPAddress.Loopback, port);

        var refused = Assert.Throws<ListenSocketUnavailableException>(() => HelperClient.RequestListenSocket(helper.SocketPath, endpoint));
        File.WriteAllText(helper.PolicyFile, RootMayHavePort);
        using var given = HelperClient.RequestListenSocket(helper.SocketPath, endpoint);

        Assert.Equal($"the helper at {helper.SocketPath} refused: {helper.PolicyFile}: ports[0] = \"eighty\": expected a port number from 1 to 65535 or a range \"from-to\"", refused.Message);
        Assert.Equal(endpoint, given.LocalEndPoint);
    }

    [Fact]
    public async Task An_address_outside_the_policy_is_refused()
    {
        using var helper = await HelperDaemon.StartAsync(Folder, $$"""{ "users": ["root"], "ports": ["{{port}}-{{port}}"], "addresses": ["127.0.0.2"] }""");

        var refused = Assert.Throws<ListenSocketUnavailableException>(() => HelperClient.RequestListenSocket(helper.SocketPath, new IPEndPoint(IPAddress.Loopback, port)));

        Assert.EndsWith($"address 127.0.0.1 is not allowed by {helper.PolicyFile} (addresses: 127.0.0.2)", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "users": ["root"], "ports": [80], "addresses": ["*"], "colour": "blue" }""", "unknown key \"colour\"; the keys are users, groups, ports, addresses")]
    [InlineData("""{ "users": ["no-such-user-here"], "ports": [80], "addresses": ["*"] }""", "users[0] = \"no-such-user-here\": no such user on this system")]
    [InlineData("""{ "groups": ["no-such-group-here"], "ports": [80], "addresses": ["*"] }""", "groups[0] = \"no-such-group-here\": no such group on this system")]
    [InlineData("""{ "ports": [80], "addresses": ["*"] }""", "users and groups are both empty, so nobody may ask")]
    [InlineData("""{ "users": ["root"], "ports": ["90-80"], "addresses": ["*"] }""", "ports[0] = \"90-80\": expected a port number from 1 to 65535 or a range \"from-to\"")]
    [InlineData("""{ "users": ["root"], "ports": [80], "addresses": ["example.com"] }""", "addresses[0] = \"example.com\": expected an IPv4 or IPv6 address")]
    [InlineData("""{ "users": ["root"], "addresses": ["*"] }""", "ports is missing or empty")]
    [InlineData("""[1, 2]""", "expected an object with the keys users, groups, ports, addresses")]
    [InlineData("""{ "users": """, "cannot be read as JSON")]
    public async Task A_wrong_policy_file_is_named_with_its_key_and_what_is_allowed(string policy, string problem)
    {
        var file = Folder.Write("helper.json", policy);

        var (code, output) = await RunHelperAsync("--check", "--policy", file);

        Assert.Equal(1, code);
        Assert.Contains($"modular-helper: {file}: {problem}", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_helper_will_not_run_without_root()
    {
        var (code, output) = await RunHelperAsync("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", HelperDaemon.Program, "--socket", Folder.Combine("s.sock"), "--group", "nogroup");

        Assert.Equal(2, code);
        Assert.Contains("modular-helper: must run as root", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_is_refused_with_the_usage()
    {
        var (code, output) = await RunHelperAsync("--sockett", "/tmp/x");

        Assert.Equal(2, code);
        Assert.Contains("modular-helper: unknown option '--sockett'\nusage: modular-helper", output, StringComparison.Ordinal);
    }

    private static async Task<Socket> ConnectAsync(HelperDaemon helper)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await socket.ConnectAsync(new UnixDomainSocketEndPoint(helper.SocketPath));
        return socket;
    }

    private static async Task<string> AskAsync(HelperDaemon helper, byte[] request)
    {
        using var socket = await ConnectAsync(helper);
        try
        {
            await socket.SendAsync(request);
        }
        catch (SocketException)
        {
            // The helper may close an oversized request before all of it is sent; its answer is already there.
        }
        return await ReadAnswerAsync(socket);
    }

    private static async Task<string> ReadAnswerAsync(Socket socket)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[4096];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(length), deadline.Token);
            length += read;
            if (read == 0 || buffer.AsSpan(0, length).Contains((byte)'\n'))
            {
                break;
            }
        }
        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    /// <summary>How the helper's JSON writes <paramref name="text"/> inside a string.</summary>
    private static string JsonText(string text) => System.Text.Json.JsonSerializer.Serialize(text)[1..^1];

    /// <summary>Runs the helper (or a command starting with setpriv) to its end; its exit code and everything it printed.</summary>
    private static async Task<(int Code, string Output)> RunHelperAsync(params string[] arguments)
    {
        var (program, words) = arguments[0] == "setpriv" ? ("setpriv", arguments[1..]) : (HelperDaemon.Program, arguments);
        var run = await ProcessRun.RunAsync(new ProcessStartInfo(program, words), TimeSpan.FromSeconds(30));
        return (run.ExitCode, run.Output + run.Errors);
    }
}
