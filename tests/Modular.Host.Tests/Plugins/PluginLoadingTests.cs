using System.Text.Json;
using Modular.Testing;

namespace Modular.Host.Tests.Plugins;

public sealed class PluginLoadingTests : FolderTests
{
    private static async Task<JsonElement> GetJsonAsync(TestServer server, string path) =>
        JsonDocument.Parse(await server.Client.GetStringAsync(path)).RootElement;

    [Fact]
    public async Task Two_plugins_with_two_versions_of_one_library_each_see_their_own()
    {
        var plugins = Folder.PluginsWith("versiona", "versionb");
        await using var server = await TestServer.StartAsync(Folder, null, "--pluginsFolder", plugins);

        Assert.Equal(["versiona", "versionb"], server.Server.Plugins);
        Assert.Equal("12.0.0.0", (await GetJsonAsync(server, "/versiona")).GetProperty("newtonsoft").GetString());
        Assert.Equal("13.0.0.0", (await GetJsonAsync(server, "/versionb")).GetProperty("newtonsoft").GetString());
    }

    [Fact]
    public async Task Plugins_setting_loads_only_the_named_subset()
    {
        var plugins = Folder.PluginsWith("versiona", "versionb");
        await using var server = await TestServer.StartAsync(Folder, null, "--pluginsFolder", plugins, "--plugins", "versionb");

        Assert.Equal(["versionb"], server.Server.Plugins);
        Assert.Equal(404, (int)(await server.Client.GetAsync("/versiona")).StatusCode);
        Assert.Equal(200, (int)(await server.Client.GetAsync("/versionb")).StatusCode);
    }

    [Fact]
    public async Task Empty_plugins_setting_loads_none()
    {
        var plugins = Folder.PluginsWith("versiona");
        await using var server = await TestServer.StartAsync(Folder, null, "--pluginsFolder", plugins, "--plugins", "");

        Assert.Empty(server.Server.Plugins);
    }

    [Fact]
    public async Task Plugin_settings_are_layered_like_the_core_ones()
    {
        var plugins = Folder.PluginsWith("versiona");
        await using var server = await TestServer.StartAsync(Folder, new Dictionary<string, string> { ["MODULAR_versionaLabel"] = "from env" }, "--pluginsFolder", plugins);

        Assert.Equal("from env", (await GetJsonAsync(server, "/versiona")).GetProperty("label").GetString());
    }

    [Fact]
    public async Task A_key_of_a_plugin_present_but_not_loaded_names_that_plugin()
    {
        var plugins = Folder.PluginsWith("versiona", "versionb");

        var error = Assert.Single(await TestServer.StartFailsAsync(Folder, null, "--pluginsFolder", plugins, "--plugins", "versiona", "--versionbLabel", "x"));

        Assert.Equal("versionbLabel (from command line --versionbLabel) belongs to plugin 'versionb', which is not loaded (plugins = versiona); add 'versionb' to the plugins setting or remove versionbLabel.", error);
    }

    [Fact]
    public async Task A_named_plugin_without_a_folder_is_an_error_listing_those_present()
    {
        var plugins = Folder.PluginsWith("versiona");

        var error = Assert.Single(await TestServer.StartFailsAsync(Folder, null, "--pluginsFolder", plugins, "--plugins", "versiona,cors"));

        Assert.Equal($"core: plugins = 'versiona,cors': 'cors' has no folder in {plugins} (plugin folders present: versiona).", error);
    }

    [Fact]
    public async Task A_pluginsFolder_that_does_not_exist_is_an_error_naming_it()
    {
        var error = Assert.Single(await TestServer.StartFailsAsync(Folder, null, "--pluginsFolder", "extensions"));

        Assert.Equal($"core: pluginsFolder = 'extensions': the folder {Folder.Combine("extensions")} does not exist; create it or leave pluginsFolder empty for 'plugins' beside the modular executable.", error);
    }

    [Fact]
    public async Task A_file_that_is_not_an_assembly_is_refused_naming_plugin_and_file()
    {
        var file = Folder.Write("plugins/notasm/notasm.dll", "this is not a .NET assembly");

        var error = Assert.Single(await TestServer.StartFailsAsync(Folder, null, "--pluginsFolder", Folder.Combine("plugins")));

        Assert.StartsWith($"plugin 'notasm' ({file}): not a .NET assembly (", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("noattribute", "has no [assembly: ModularPlugin(typeof(...))] attribute naming its IModularPlugin type.")]
    [InlineData("futurecontract", "built against plugin contract 2.0, but this host implements contract 1.5; rebuild the plugin against Modular.Abstractions 1.x.")]
    [InlineData("newerminor", "built against plugin contract 1.99, newer than this host's 1.5; upgrade modular or rebuild the plugin against Modular.Abstractions 1.5.")]
    public async Task A_broken_plugin_stops_the_start_naming_plugin_file_and_cause(string plugin, string cause)
    {
        var plugins = Folder.PluginsWith(plugin);

        var error = Assert.Single(await TestServer.StartFailsAsync(Folder, null, "--pluginsFolder", plugins));

        Assert.Equal($"plugin '{plugin}' ({Path.Combine(plugins, plugin, plugin + ".dll")}): {cause}", error);
    }

    [Theory]
    [InlineData("ConfigureServices", "ConfigureServices threw InvalidOperationException: the fixture fails in ConfigureServices")]
    [InlineData("Configure", "Configure threw InvalidOperationException: the fixture fails in Configure")]
    [InlineData("Pipeline", "its Endpoints pipeline step threw InvalidOperationException: the fixture fails in Pipeline")]
    [InlineData("Middleware", "threw InvalidOperationException while the server started: the fixture's middleware cannot be created")]
    public async Task A_plugin_throwing_at_any_step_of_the_start_is_named_with_its_file(string step, string cause)
    {
        var plugins = Folder.PluginsWith("throwing");

        var error = Assert.Single(await TestServer.StartFailsAsync(Folder, null, "--pluginsFolder", plugins, "--throwIn", step));

        Assert.Equal($"plugin 'throwing' ({Path.Combine(plugins, "throwing", "throwing.dll")}): {cause}", error);
    }

    [Fact]
    public async Task A_settings_class_whose_validation_throws_is_named()
    {
        var error = Assert.Single(await TestServer.StartFailsAsync(Folder, null, "--pluginsFolder", Folder.PluginsWith("throwing"), "--throwIn", "Validate"));

        Assert.Equal("throwing: ThrowingSettings.Validate threw InvalidOperationException: the fixture's Validate fails", error);
    }

    [Fact]
    public async Task A_plugin_folder_carrying_its_own_copy_of_a_shared_assembly_is_refused()
    {
        var plugins = Folder.PluginsWith("versiona");
        var copy = Path.Combine(plugins, "versiona", "Microsoft.Extensions.Options.dll");
        File.Copy(typeof(Microsoft.Extensions.Options.IOptions<>).Assembly.Location, copy);

        var error = Assert.Single(await TestServer.StartFailsAsync(Folder, null, "--pluginsFolder", plugins));

        Assert.StartsWith($"plugin 'versiona' ({copy}): the folder carries its own copy of Microsoft.Extensions.Options.dll, which the host shares with every plugin; remove it", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Broken_plugins_are_all_reported_together_with_settings_errors()
    {
        var plugins = Folder.PluginsWith("noattribute", "futurecontract");

        var errors = await TestServer.StartFailsAsync(Folder, null, "--pluginsFolder", plugins, "--HTTPSPort", "0");

        Assert.Equal(
        [
            $"plugin 'futurecontract' ({Path.Combine(plugins, "futurecontract", "futurecontract.dll")}): built against plugin contract 2.0, but this host implements contract 1.5; rebuild the plugin against Modular.Abstractions 1.x.",
            $"plugin 'noattribute' ({Path.Combine(plugins, "noattribute", "noattribute.dll")}): has no [assembly: ModularPlugin(typeof(...))] attribute naming its IModularPlugin type.",
            "core: HTTPSPort = '0' (from command line --HTTPSPort): must be 1..65535.",
        ], errors);
    }
}
