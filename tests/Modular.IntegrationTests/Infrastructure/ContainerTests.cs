using DotNet.Testcontainers.Containers;
using DotNet.Testcontainers.Networks;
using Modular.Testing;

namespace Modular.IntegrationTests.Infrastructure;

/// <summary>Base of container tests: a network and a host folder of the test's own; every container started is disposed.</summary>
public abstract class ContainerTests : IAsyncLifetime
{
    private readonly List<IContainer> containers = [];

    internal INetwork Network { get; } = ModularContainer.CreateNetwork();

    internal TempFolder Folder { get; } = new();

    /// <summary>Tracks a container so the test disposes it whatever happens.</summary>
    internal T Track<T>(T container) where T : IContainer
    {
        containers.Add(container);
        return container;
    }

    public Task InitializeAsync()
    {
        // The container's user (1654) reads what the test mounts from this folder.
        File.SetUnixFileMode(Folder.Path, (UnixFileMode)0b111_101_101);
        return Network.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var container in containers)
        {
            await container.DisposeAsync();
        }
        await Network.DeleteAsync();
        await Network.DisposeAsync();
        Folder.Dispose();
    }
}
