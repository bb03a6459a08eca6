using System.Globalization;
using System.Net;
using Modular.Testing;

namespace Modular.Plugins.HelperTool.Tests;

/// <summary>A server running as nobody, with no capability, serving ports 80 and 443 through the real helper running as root.</summary>
/// <remarks>One class, so that its tests, which share ports 80 and 443 of 127.0.0.1, run one after the other.</remarks>
public sealed class PrivilegedPortTests : FolderTests
{
    private const string Policy = """{ "users": ["nobody"], "ports": [80, 443, 444], "addresses": ["127.0.0.1"] }""";

    [Fact]
    public async Task An_unprivileged_server_serves_http_on_80_and_https_on_443_through_the_helper()
    {
        using var helper = await HelperDaemon.StartAsync(Folder, Policy);
        Directory.CreateDirectory(Folder.Combine("certs"));
        TestCertificate.WritePair(Folder.Combine("certs"));
        using var server = await StartServerAsync(helper, "--HTTPSEnabled", "true", "--HTTPSPort", "443", "--certificateFolder", Folder.Combine("certs"));
        using var client = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator });

        var plain = await client.GetStringAsync(new Uri("http://127.0.0.1/"));
        var secure = await client.GetStringAsync(new Uri("https://127.0.0.1/"));

        Assert.Equal("served by nobody", plain);
        Assert.Equal("served by nobody", secure);
        Assert.Equal(Unprivileged.Nobody, ProcessUser(server.Process.Id));
        await helper.WaitForLogAsync($"gave uid 65534 (nobody), pid {server.Process.Id} 127.0.0.1:80");
        await helper.WaitForLogAsync($"gave uid 65534 (nobody), pid {server.Process.Id} 127.0.0.1:443");
        Assert.Contains("Listening on 127.0.0.1:443 through the helper", server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_listener_moved_at_runtime_is_bound_through_the_helper_too()
    {
        using var helper = await HelperDaemon.StartAsync(Folder, Policy);
        var admin = FreePort.Next();
        using var server = await StartServerAsync(helper, "--adminAddress", $"127.0.0.1:{admin}");
        await server.WaitForLineAsync("The admin API is listening on");
        using var client = new HttpClient();

        var change = await Unprivileged.BesideAsync(server.Process.Id, Folder, ["settings", "set", "HTTPPort", "444"],
            new Dictionary<string, string> { ["MODULAR_adminAddress"] = $"127.0.0.1:{admin}" });

        Assert.True(change.ExitCode == 0, change.Errors);
        Assert.Equal("served by nobody", await client.GetStringAsync(new Uri("http://127.0.0.1:444/")));
        await helper.WaitForLogAsync($"gave uid 65534 (nobody), pid {server.Process.Id} 127.0.0.1:444");
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetStringAsync(new Uri("http://127.0.0.1:80/")));
    }

    [Fact]
    public async Task A_user_the_policy_does_not_name_is_refused_with_the_reason()
    {
        using var helper = await HelperDaemon.StartAsync(Folder, Policy);

        var result = await RunServerAsync(helper, Unprivileged.Stranger, Unprivileged.Nobody);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"Cannot listen on 127.0.0.1:80 (HTTPPort = 80): the helper at {helper.SocketPath} refused: user 65533 (uid 65533) is not allowed by {helper.PolicyFile} (users: nobody; groups: none)",
            result.Errors, StringComparison.Ordinal);
        await helper.WaitForLogAsync("refused uid 65533 (65533)");
    }

    [Fact]
    public async Task A_port_outside_the_policy_is_refused_with_the_reason()
    {
        using var helper = await HelperDaemon.StartAsync(Folder, Policy);

        var result = await RunServerAsync(helper, Unprivileged.Nobody, Unprivileged.Nobody, "--HTTPPort", "81");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"refused: port 81 is not allowed by {helper.PolicyFile} (ports: 80, 443, 444)", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_outside_the_socket_group_cannot_reach_the_helper()
    {
        using var helper = await HelperDaemon.StartAsync(Folder, Policy);

        var result = await RunServerAsync(helper, Unprivileged.Stranger, Unprivileged.Stranger);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"the helper's socket {helper.SocketPath} does not let user", result.Errors, StringComparison.Ordinal);
        Assert.Contains("modular helper install --group", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_helper_the_error_names_the_ways_out()
    {
        Folder.Write("www/index.html", "served by nobody");

        var result = await Unprivileged.RunAsync(Folder, ["--pluginsFolder", Folder.PluginsWith("helpertool"), "--plugins", "helpertool",
            "--HTTPPort", "80", "--IPAddressToListen", "127.0.0.1", "--rootFolder", Folder.Combine("www"), "--adminAddress", "off",
            "--helperSocket", Folder.Combine("no-helper.sock")]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Cannot listen on 127.0.0.1:80 (HTTPPort = 80): permission denied. Ports below 1024 need privilege; ways out: choose a port of 1024 or more; install the privileged helper",
            result.Errors, StringComparison.Ordinal);
        Assert.Contains("CAP_NET_BIND_SERVICE", result.Errors, StringComparison.Ordinal);
        Assert.Contains("socket activation", result.Errors, StringComparison.Ordinal);
        Assert.Contains($"no helper listens at {Folder.Combine("no-helper.sock")}", result.Errors + result.Output, StringComparison.Ordinal);
    }

    private async Task<RunningModular> StartServerAsync(HelperDaemon helper, params string[] more)
    {
        var server = RunningModular.Start(Unprivileged.StartInfo(Folder, ServerArguments(helper, more)));
        await server.WaitForLineAsync("Modular is listening on");
        return server;
    }

    private Task<ModularProcess.Result> RunServerAsync(HelperDaemon helper, int user, int group, params string[] more) =>
        Unprivileged.RunAsync(Folder, ServerArguments(helper, more), user, group);

    private string[] ServerArguments(HelperDaemon helper, string[] more)
    {
        Folder.Write("www/index.html", "served by nobody");
        string[] defaults = ["--HTTPPort", "80", "--IPAddressToListen", "127.0.0.1", "--adminAddress", "off"];
        // A later occurrence of a setting wins: the test's own come last.
        return ["--pluginsFolder", Folder.PluginsWith("helpertool"), "--plugins", "helpertool", "--rootFolder", Folder.Combine("www"),
            "--helperSocket", helper.SocketPath, .. defaults, .. more];
    }

    /// <summary>The real user id of a process, from /proc.</summary>
    private static int ProcessUser(int pid) =>
        int.Parse(File.ReadLines($"/proc/{pid}/status").First(line => line.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t')[1], CultureInfo.InvariantCulture);
}
