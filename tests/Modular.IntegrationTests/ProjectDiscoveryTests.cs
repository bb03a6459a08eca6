using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using Modular.IntegrationTests.Infrastructure;

namespace Modular.IntegrationTests;

/// <summary>Published projects across hosts: two servers on a network of the test's own, and a remote client on a third host that
/// finds both by broadcast, connects to each, and may not write project files.</summary>
public sealed class ProjectDiscoveryTests : ContainerTests
{
    [Fact]
    public async Task A_client_finds_both_servers_by_broadcast_and_downloads_from_each()
    {
        await Task.WhenAll(StartServerAsync("Alpha"), StartServerAsync("Beta"));
        // The client: the same image, as a user's machine would run `modular remote`; its data in a folder it may write.
        var script = """
            /opt/modular/modular remote available --wait 3 > /tmp/available.txt || exit 1
            cat /tmp/available.txt
            for server in $(cut -f2 /tmp/available.txt); do /opt/modular/modular remote connect "$server" || exit 1; done
            /opt/modular/modular remote recent
            alpha=$(grep '^Alpha' /tmp/available.txt | cut -f2)
            echo "write from another machine: $(curl -s -o /dev/null -w '%{http_code}' -X PUT --data x "http://$alpha/projects/Alpha/files/Sources/x.4dm")"
            """;
        var client = Track(ModularContainer.Create(Network)
            .WithEntrypoint("/bin/sh", "-c")
            .WithCommand(script)
            .WithEnvironment("XDG_DATA_HOME", "/tmp/client")
            .Build());

        var (exitCode, logs) = await ModularContainer.RunToExitAsync(client);

        Assert.True(exitCode == 0, logs);
        var found = logs.Split('\n').Where(line => line.Contains('\t', StringComparison.Ordinal) && line.Split('\t').Length == 3).Take(2).ToList();
        Assert.Equal(["Alpha", "Beta"], found.Select(line => line.Split('\t')[0]).Order(StringComparer.Ordinal));
        Assert.All(found, line => Assert.Matches(@"^\w+\t\d+\.\d+\.\d+\.\d+:19813\t[0-9a-f]{16}$", line));
        Assert.Contains("connected to Alpha ", logs, StringComparison.Ordinal);
        Assert.Contains("connected to Beta ", logs, StringComparison.Ordinal);
        // From another machine, a client is not in development mode.
        Assert.DoesNotContain("development mode", logs, StringComparison.Ordinal);
        Assert.Matches(@"Alpha\tAlpha\t\d+\.\d+\.\d+\.\d+:19813", logs);
        // Project files are read-only from another machine.
        Assert.Contains("write from another machine: 403", logs, StringComparison.Ordinal);
    }

    /// <summary>A server publishing one project, <paramref name="name"/>, mounted read-only from the test's folder.</summary>
    private async Task StartServerAsync(string name)
    {
        Folder.Write($"{name}/{name}/{name}.4DProject", """{ "version": "1" }""");
        Folder.Write($"{name}/{name}/Sources/Methods/hello.4dm", $"ALERT(\"{name}\")");
        foreach (var folder in new[] { Folder.Combine(name), Folder.Combine(name, name), Folder.Combine(name, name, "Sources"), Folder.Combine(name, name, "Sources", "Methods") })
        {
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        }
        var server = Track(ModularContainer.Create(Network)
            .WithBindMount(Folder.Combine(name), "/srv/projects", AccessMode.ReadOnly)
            .WithEnvironment("MODULAR_plugins", "projectserver")
            .WithEnvironment("MODULAR_projects", $"/srv/projects/{name}")
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged($"Publishing {name} on"))
            .Build());
        await server.StartAsync();
    }
}
