using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
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
        var container = await StartServingAsync(ModularContainer.Create(Network)
            .WithBindMount(Path.Combine(RepoPaths.TestPlugins, "hello"), PluginsInImage + "hello", AccessMode.ReadOnly)
            .WithEnvironment("MODULAR_helloGreeting", "Hello from a mounted plugin"), "/hello");
        using var client = new HttpClient();

        Assert.Equal("Hello from a mounted plugin", await client.GetStringAsync(new Uri(container.Address(80), "hello")));
        // Beside the product plugins the image carries.
        Assert.Contains("plugins: compression, cors, hello, helpertool, hsts, projectserver, sessions.", (await container.GetLogsAsync()).Stdout, StringComparison.Ordinal);
    }

    /// <summary>Starts the container with port 80 published on loopback, once <paramref name="readyPath"/> answers.</summary>
    private async Task<IContainer> StartServingAsync(ContainerBuilder builder, string readyPath)
    {
        var container = Track(builder
            .WithLoopbackPorts(80)
            .WithWaitStrategy(Wait.ForUnixContainer().AddCustomWaitStrategy(new LoopbackHttpReady(80, readyPath)))
            .Build());
        await container.StartAsync();
        return container;
    }

    [Fact]
    public async Task A_deployment_picks_cors_and_compression_from_the_image_and_they_serve()
    {
        var container = await StartServingAsync(ModularContainer.Create(Network)
            .WithEnvironment("MODULAR_plugins", "cors,compression")
            .WithEnvironment("MODULAR_CORSEnabled", "true")
            .WithEnvironment("MODULAR_HTTPCompressionThreshold", "100")
            .WithEnvironment("MODULAR_CORSSettings", """[{"host":"https://app.example","methods":"get"}]"""), "/");
        using var client = new HttpClient();

        using var allowed = new HttpRequestMessage(HttpMethod.Get, container.Address(80));
        allowed.Headers.TryAddWithoutValidation("Origin", "https://app.example");
        allowed.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        using var answer = await client.SendAsync(allowed);
        Assert.Equal("https://app.example", Assert.Single(answer.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal(["gzip"], answer.Content.Headers.ContentEncoding);

        using var refused = new HttpRequestMessage(HttpMethod.Get, container.Address(80));
        refused.Headers.TryAddWithoutValidation("Origin", "https://other.example");
        using var forbidden = await client.SendAsync(refused);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, forbidden.StatusCode);

        Assert.Contains("plugins: cors, compression.", (await container.GetLogsAsync()).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deployment_without_hsts_refuses_hsts_settings_naming_the_plugin()
    {
        var container = Track(ModularContainer.Create(Network)
            .WithEnvironment("MODULAR_plugins", "cors,compression")
            .WithEnvironment("MODULAR_HSTSEnabled", "true")
            .Build());

        var (exitCode, logs) = await ModularContainer.RunToExitAsync(container);

        Assert.Equal(2, exitCode);
        Assert.Contains("HSTSEnabled (from environment variable MODULAR_HSTSEnabled) belongs to plugin 'hsts', which is not loaded (plugins = cors,compression); add 'hsts' to the plugins setting or remove HSTSEnabled.", logs, StringComparison.Ordinal);
    }
}
