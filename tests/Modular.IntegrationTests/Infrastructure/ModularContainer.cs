using Docker.DotNet.Models;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Images;
using DotNet.Testcontainers.Networks;

namespace Modular.IntegrationTests.Infrastructure;

/// <summary>Containers of the Modular image as the tests run them: local image, labelled, on the test's network, ports on loopback only.</summary>
internal static class ModularContainer
{
    /// <summary>The image test.sh builds with deploy/build-image.sh on the local base.</summary>
    public const string Image = "modular:test";

    /// <summary>The label test.sh removes leftovers by (there is no reaper: its image cannot be pulled here).</summary>
    public const string Label = "modular.tests";

    static ModularContainer()
    {
        TestcontainersSettings.ResourceReaperEnabled = false;
        // Testcontainers waits forever by default; a container that never turns ready fails the test instead.
        TestcontainersSettings.WaitStrategyTimeout = TimeSpan.FromSeconds(60);
    }

    /// <summary>The local base image, which has curl: a client inside the test's network, at a non-loopback address.</summary>
    public const string ClientImage = "modular-base:bookworm";

    public static ContainerBuilder Create(INetwork network, string image = Image) => new ContainerBuilder(image)
        .WithImagePullPolicy(PullPolicy.Never)
        .WithLabel(Label, "true")
        .WithNetwork(network);

    /// <summary>Publishes container ports on 127.0.0.1 only (Docker's own default would be every host address).</summary>
    public static ContainerBuilder WithLoopbackPorts(this ContainerBuilder builder, params int[] ports) =>
        builder.WithCreateParameterModifier(parameters =>
        {
            parameters.ExposedPorts ??= new Dictionary<string, EmptyStruct>();
            parameters.HostConfig ??= new HostConfig();
            parameters.HostConfig.PortBindings ??= new Dictionary<string, IList<PortBinding>>();
            foreach (var port in ports)
            {
                parameters.ExposedPorts[$"{port}/tcp"] = default;
                parameters.HostConfig.PortBindings[$"{port}/tcp"] = [new PortBinding { HostIP = "127.0.0.1", HostPort = "" }];
            }
        });

    /// <summary>A network of the test's own, labelled like its containers.</summary>
    public static INetwork CreateNetwork() => new NetworkBuilder()
        .WithName($"modular-tests-{Guid.NewGuid():N}")
        .WithLabel(Label, "true")
        .Build();

    /// <summary>Runs a container that is expected to stop by itself; returns its exit code and everything it printed (bounded to 60 s).</summary>
    public static async Task<(long ExitCode, string Logs)> RunToExitAsync(IContainer container)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await container.StartAsync(timeout.Token);
        var exitCode = await container.GetExitCodeAsync(timeout.Token);
        var (stdout, stderr) = await container.GetLogsAsync(timestampsEnabled: false, ct: timeout.Token);
        return (exitCode, stdout + stderr);
    }

    /// <summary>A Redis on the local base, reachable as <c>redis</c> on the test's network, in memory only.</summary>
    public static IContainer Redis(INetwork network) => Create(network, ClientImage)
        .WithNetworkAliases("redis")
        .WithCommand("redis-server", "--bind", "0.0.0.0", "--protected-mode", "no", "--save", "", "--appendonly", "no")
        .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("Ready to accept connections"))
        .Build();

    /// <summary>The base address of a published port, on loopback.</summary>
    public static Uri Address(this IContainer container, int port, string scheme = "http") =>
        new($"{scheme}://127.0.0.1:{container.GetMappedPublicPort(port)}/");
}
