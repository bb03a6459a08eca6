using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Modular.Testing;

namespace Modular.Host.Tests.Listening;

public sealed class ListenerTests : FolderTests
{
    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Listens_on_IPv6_loopback_when_asked()
    {
        await using var server = await TestServer.StartAsync(Folder, null, "--IPAddressToListen", "::1", "--HTTPPort", TestServer.AnotherFreePort);
        var port = server.OtherPorts[0];
        using var client = new HttpClient();

        Assert.Equal(200, (int)(await client.GetAsync($"http://[::1]:{port}/")).StatusCode);
        Assert.Equal([new Uri($"http://[::1]:{port}")], server.Server.Addresses);
        using var ipv4 = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => ipv4.ConnectAsync(IPAddress.Loopback, port));
    }

    [Fact]
    public async Task No_address_listens_on_every_IPv4_and_IPv6_address()
    {
        await using var server = await TestServer.StartAsync(Folder, null, "--IPAddressToListen", "", "--HTTPPort", TestServer.AnotherFreePort);
        var port = server.OtherPorts[0];
        using var client = new HttpClient();

        Assert.Equal(200, (int)(await client.GetAsync($"http://127.0.0.1:{port}/")).StatusCode);
        Assert.Equal(200, (int)(await client.GetAsync($"http://[::1]:{port}/")).StatusCode);
    }

    [Fact]
    public async Task A_port_in_use_is_an_error_naming_address_port_and_setting()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var error = Assert.Single(await TestServer.StartFailsAsync(Folder, null, "--IPAddressToListen", "127.0.0.1", "--HTTPPort", Text(port)));

        Assert.Equal($"Cannot listen on 127.0.0.1:{port} (HTTPPort = {port}): the address is already in use by another process. Stop that process or choose another HTTPPort.", error);
    }

    [Fact]
    public async Task A_port_taken_on_IPv4_only_is_named_when_listening_on_every_address()
    {
        using var occupant = new TcpListener(IPAddress.Any, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;

        var error = Assert.Single(await TestServer.StartFailsAsync(Folder, null, "--IPAddressToListen", "", "--HTTPPort", Text(port)));

        Assert.Equal($"Cannot listen on port {port} on every address (HTTPPort = {port}): the address is already in use on IPv4 (0.0.0.0) by another process. Stop that process or choose another HTTPPort.", error);
    }

    [Fact]
    public async Task An_address_that_is_not_this_machines_is_named()
    {
        // 192.0.2.1 is TEST-NET-1 (RFC 5737): never assigned to a machine; only a bind is tried, nothing is sent.
        var error = Assert.Single(await TestServer.StartFailsAsync(Folder, null, "--IPAddressToListen", "192.0.2.1", "--HTTPPort", "8080"));

        Assert.Equal("Cannot listen on 192.0.2.1:8080 (HTTPPort = 8080): 192.0.2.1 is not an address of this machine; set IPAddressToListen to one of its addresses, or leave it empty for all.", error);
    }

    [Fact]
    public async Task A_listener_that_fails_leaves_nothing_half_started()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var httpsPort = ((IPEndPoint)occupant.LocalEndpoint).Port;
        var httpPort = FreePort.Next();

        var error = Assert.Single(await TestServer.StartFailsAsync(Folder, null, "--IPAddressToListen", "127.0.0.1", "--HTTPPort", Text(httpPort), "--HTTPSEnabled", "1", "--HTTPSPort", Text(httpsPort)));

        Assert.StartsWith($"Cannot listen on 127.0.0.1:{httpsPort} (HTTPSPort = {httpsPort}): the address is already in use", error, StringComparison.Ordinal);
        using var client = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync(IPAddress.Loopback, httpPort));
        Assert.False(File.Exists(Folder.Combine("WebFolder", "index.html")), "a failed start writes no home page");
        Assert.False(File.Exists(Folder.Combine("cert.pem")), "a failed start writes no certificate");
    }

    [Fact]
    public async Task A_privileged_port_refused_names_the_port_and_the_ways_out()
    {
        // Root may bind any port: the refusal is only seen by an unprivileged process, so the real
        // executable runs as 'nobody' in a network namespace of its own where ports below 1024 are privileged.
        Assert.True(Environment.IsPrivilegedProcess || File.ReadAllText("/proc/sys/net/ipv4/ip_unprivileged_port_start").Trim() != "0",
            "this machine lets every user bind every port; the refusal cannot happen here");
        File.SetUnixFileMode(Folder.Path, (UnixFileMode)0b111_111_111);
        string[] unprivileged = Environment.IsPrivilegedProcess
            ? ["unshare", "--net", "--", "sh", "-c", "sysctl -qw net.ipv4.ip_unprivileged_port_start=1024 && ip link set lo up && exec setpriv --reuid=65534 --regid=65534 --clear-groups \"$@\"", "sh"]
            : [];

        var result = await ModularProcess.RunAsync(Folder.Path, ["--IPAddressToListen", "127.0.0.1", "--HTTPPort", "81"], unprivileged);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Cannot listen on 127.0.0.1:81 (HTTPPort = 81): permission denied. Ports below 1024 need privilege; ways out: choose a port of 1024 or more; install the privileged helper (the helpertool plugin: sudo modular helper install); grant the capability", result.Errors, StringComparison.Ordinal);
    }
}
