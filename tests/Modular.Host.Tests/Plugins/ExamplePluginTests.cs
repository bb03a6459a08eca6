using Modular.Testing;

namespace Modular.Host.Tests.Plugins;

/// <summary>The README's example plugin, loaded from its own Folder exactly as a third party's would be.</summary>
public sealed class ExamplePluginTests : FolderTests
{
    [Fact]
    public async Task Example_plugin_serves_its_route_with_its_defaults()
    {
        await using var server = await TestServer.StartAsync(Folder, null, "--pluginsFolder", Folder.PluginsWith("hello"));

        Assert.Equal("Hello from a Modular plugin", await server.Client.GetStringAsync("/hello"));
        Assert.Equal(200, (int)(await server.Client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Example_plugin_reads_its_settings_from_the_settings_file()
    {
        Folder.Write("modular.json", """{ "helloPath": "/greet", "helloGreeting": "hi", "helloRepeat": 2 }""");
        await using var server = await TestServer.StartAsync(Folder, null, "--pluginsFolder", Folder.PluginsWith("hello"));

        Assert.Equal("hi\nhi", await server.Client.GetStringAsync("/greet"));
        Assert.Equal(404, (int)(await server.Client.GetAsync("/hello")).StatusCode);
    }

    [Fact]
    public async Task Example_plugin_settings_are_validated_with_its_name()
    {
        var errors = await TestServer.StartFailsAsync(Folder, null, "--pluginsFolder", Folder.PluginsWith("hello"), "--helloRepeat", "11", "--helloPath", "greet");

        Assert.Equal(
        [
            "hello: helloRepeat = '11' (from command line --helloRepeat): must be 1..10.",
            "hello: helloPath = 'greet' (from command line --helloPath): must start with '/'.",
        ], errors);
    }
}
