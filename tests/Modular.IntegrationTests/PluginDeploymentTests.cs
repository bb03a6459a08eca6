using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using Modular.IntegrationTests.Infrastructure;
using Modular.Testing;

namespace Modular.IntegrationTests;

/// <summary>Picking plugins per deployment: the image holds the product plugins; a third party's is mounted as a folder.</summary>
public sealed class PluginDeploymentTests : ContainerTests
{
    private const string PluginsInImage = "/opt/modular/plugins/";

    [Fact]
    public async Task A_third_party_plugin_mounted_as_a_folder_is_loaded_and_serves_its_route()
    {
        var container = Track(ModularContainer.Create(Network)
            .WithBindMount(Path.Combine(RepoPaths.TestPlugins, "hello"), PluginsInImage + "hello", AccessMode.ReadOnly)
            .WithEnvironment("MODULAR_helloGreeting", "Hello from a mounted plugin")
            .WithLoopbackPorts(80)
            .WithWaitStrategy(Wait.ForUnixContainer().AddCustomWaitStrategy(new LoopbackHttpReady(80, "/hello")))
            .Build());
        await container.StartAsync();
        using var client = new HttpClient();

        Assert.Equal("Hello from a mounted plugin", await client.GetStringAsync(new Uri(container.Address(80), "hello")));
        var (stdout, _) = await container.GetLogsAsync();
        Assert.Contains("plugins: hello.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deployment_refuses_settings_of_a_plugin_it_did_not_select_naming_the_plugin()
    {
        var container = Track(ModularContainer.Create(Network)
            .WithBindMount(Path.Combine(RepoPaths.TestPlugins, "hello"), PluginsInImage + "hello", AccessMode.ReadOnly)
            .WithBindMount(Path.Combine(RepoPaths.TestPlugins, "versiona"), PluginsInImage + "versiona", AccessMode.ReadOnly)
            .WithEnvironment("MODULAR_plugins", "versiona")
            .WithEnvironment("MODULAR_helloGreeting", "x")
            .Build());

        var (exitCode, logs) = await ModularContainer.RunToExitAsync(container);

        Assert.Equal(2, exitCode);
        Assert.Contains("helloGreeting (from environment variable MODULAR_helloGreeting) belongs to plugin 'hello', which is not loaded (plugins = versiona); add 'hello' to the plugins setting or remove helloGreeting.", logs, StringComparison.Ordinal);
    }
}
