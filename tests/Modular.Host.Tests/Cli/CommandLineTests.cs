using Modular.Testing;

namespace Modular.Host.Tests.Cli;

/// <summary>The modular executable itself, run as a user runs it.</summary>
public sealed class CommandLineTests : FolderTests
{
    [Fact]
    public async Task Settings_list_shows_every_setting_with_value_origin_default_allowed_values_and_description()
    {
        var result = await ModularProcess.RunAsync(Folder.Path, ["settings", "list", "--HTTPPort", "8080"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("HTTPPort = 8080   (from command line --HTTPPort; owner core)\n    default 80; allowed: 1..65535 (0 restores the default); a change applies when the listeners are bound again\n    TCP port for HTTP.", result.Output, StringComparison.Ordinal);
        Assert.Contains("characterSet = UTF-8   (default; owner core)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_list_includes_the_settings_of_loaded_plugins()
    {
        var plugins = Folder.PluginsWith("hello");

        var result = await ModularProcess.RunAsync(Folder.Path, ["settings", "list", "--pluginsFolder", plugins]);

        Assert.Contains("helloRepeat = 1   (default; owner hello)\n    default 1; allowed: 1..10; a change applies on the next request\n    How many times the greeting is repeated.", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_check_exits_2_listing_every_error_of_the_file()
    {
        var file = Folder.Write("site.json", """{ "HTTPPort": "eighty", "HTTPSPort": 0, "colour": "blue" }""");

        var result = await ModularProcess.RunAsync(Folder.Path, ["settings", "check", "--settings", file]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("3 problems in the settings:", result.Errors, StringComparison.Ordinal);
        Assert.Contains($"  - core: HTTPPort = 'eighty' (from {file}): must be 1..65535 (0 restores the default).", result.Errors, StringComparison.Ordinal);
        Assert.Contains($"  - core: HTTPSPort = '0' (from {file}): must be 1..65535.", result.Errors, StringComparison.Ordinal);
        Assert.Contains($"  - colour (from {file}) is not a known setting.", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_check_accepts_a_valid_file()
    {
        var file = Folder.Write("site.json", """{ "HTTPPort": 8080, "HTTPSEnabled": 1 }""");

        var result = await ModularProcess.RunAsync(Folder.Path, ["settings", "check", "--settings", file]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"Settings are valid ({file}; plugins: none).\n", result.Output);
    }

    [Fact]
    public async Task Settings_check_names_a_missing_settings_file()
    {
        var result = await ModularProcess.RunAsync(Folder.Path, ["settings", "check", "--settings", "nowhere.json"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--settings: the settings file '{Folder.Combine("nowhere.json")}' does not exist.", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_with_bad_settings_exits_2_without_serving()
    {
        var result = await ModularProcess.RunAsync(Folder.Path, ["run", "--HTTPPort", "99999"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("modular cannot start (1 problem):\n  - core: HTTPPort = '99999' (from command line --HTTPPort): must be 1..65535 (0 restores the default).", result.Errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Folder.Combine("WebFolder")));
    }

    [Fact]
    public async Task A_stray_argument_is_named()
    {
        var result = await ModularProcess.RunAsync(Folder.Path, ["--HTTPPort", "8080", "stray"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("command line: unexpected argument 'stray'; settings are given as --<Name> <value> or --<Name>=<value>.", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_exits_0_when_the_configured_server_answers()
    {
        await using var server = await TestServer.StartAsync(Folder);

        var result = await ModularProcess.RunAsync(Folder.Path, ["health", "--IPAddressToListen", "127.0.0.1", "--HTTPPort", server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal($"healthy: 200 from http://127.0.0.1:{server.Port}/\n", result.Output);
    }

    [Fact]
    public async Task Health_exits_1_when_nothing_answers()
    {
        var port = FreePort.Next();

        var result = await ModularProcess.RunAsync(Folder.Path, ["health", "--HTTPPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"unhealthy: http://127.0.0.1:{port}/: ", result.Output, StringComparison.Ordinal);
    }
}
