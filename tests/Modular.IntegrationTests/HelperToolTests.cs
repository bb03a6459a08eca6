using DotNet.Testcontainers.Builders;
using Modular.IntegrationTests.Infrastructure;

namespace Modular.IntegrationTests;

/// <summary>The privileged helper as an operator sets it up in one container: installed by root with <c>modular helper install</c>,
/// running as root, and the server as the image's unprivileged user serving port 80, which that container keeps privileged.</summary>
public sealed class HelperToolTests : ContainerTests
{
    /// <summary>Root installs and starts the helper (no systemd in a container), then becomes the server's user for good.</summary>
    private const string Setup = """
        set -e
        /opt/modular/modular helper install --user 1654 --group 1654
        /usr/local/lib/modular-helper/modular-helper --socket /run/modular-helper.sock --group 1654 --policy /etc/modular/helper.json 2>/tmp/helper.log &
        echo $! >/tmp/helper.pid
        tries=0
        while [ ! -S /run/modular-helper.sock ] && [ $tries -lt 100 ]; do sleep 0.1; tries=$((tries + 1)); done
        exec setpriv --reuid=1654 --regid=1654 --clear-groups --inh-caps=-all --bounding-set=-all /opt/modular/modular
        """;

    [Fact]
    public async Task The_images_user_serves_port_80_through_the_helper_run_by_root_in_the_same_container()
    {
        var container = Track(ModularContainer.Create(Network)
            .WithEntrypoint("sh", "-c", Setup)
            .WithCreateParameterModifier(parameters =>
            {
                // Root installs and runs the helper; the image's own user (1654) would not be allowed to.
                parameters.User = "0";
                // Docker lets every user bind every port in a container (0); here ports below 1024 stay root's, as on a host.
                parameters.HostConfig ??= new Docker.DotNet.Models.HostConfig();
                parameters.HostConfig.Sysctls = new Dictionary<string, string> { ["net.ipv4.ip_unprivileged_port_start"] = "1024" };
            })
            .WithLoopbackPorts(80)
            .WithWaitStrategy(Wait.ForUnixContainer().AddCustomWaitStrategy(new LoopbackHttpReady(80, "/")))
            .Build());
        await container.StartAsync();
        using var client = new HttpClient();

        var page = await client.GetStringAsync(container.Address(80));
        var server = await container.ExecAsync(["sh", "-c", "grep ^Uid: /proc/1/status | cut -f2"]);
        var privileged = await container.ExecAsync(["cat", "/proc/sys/net/ipv4/ip_unprivileged_port_start"]);
        var helperLog = await container.ExecAsync(["cat", "/tmp/helper.log"]);
        var helperUser = await container.ExecAsync(["sh", "-c", "grep ^Uid: /proc/$(cat /tmp/helper.pid)/status | cut -f2"]);

        Assert.Contains("<h1>Modular is running</h1>", page, StringComparison.Ordinal);
        Assert.Equal("1654", server.Stdout.Trim());
        Assert.Equal("0", helperUser.Stdout.Trim());
        Assert.Equal("1024", privileged.Stdout.Trim());
        Assert.Matches(@"gave uid 1654 \(1654\), pid 1 \[::\]:80", helperLog.Stdout);
        Assert.Contains("through the helper at /run/modular-helper.sock", (await container.GetLogsAsync()).Stdout, StringComparison.Ordinal);
    }
}
