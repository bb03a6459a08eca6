using System.Text.Json.Nodes;
using System.Xml.Linq;
using Modular.Testing;

namespace Modular.Plugins.HelperTool.Tests;

/// <summary><c>modular helper install|uninstall|status</c>, writing under a staging root: systemd's units on Linux, launchd's plist on
/// macOS (checked here without a Mac), the policy, and the program copied root-owned.</summary>
public sealed class InstallTests : FolderTests
{
    private const UnixFileMode Readable = (UnixFileMode)0b110_100_100;
    private const UnixFileMode Runnable = (UnixFileMode)0b111_101_101;

    private string Root => Folder.Combine("root");

    [Fact]
    public async Task Linux_gets_a_socket_unit_a_hardened_service_unit_a_policy_and_a_root_owned_program()
    {
        var result = await RunAsync("helper", "install", "--root", Root, "--platform", "linux", "--user", "nobody", "--ports", "80,443,8000-8080");

        Assert.True(result.ExitCode == 0, result.Errors);
        var socketUnit = File.ReadAllText(Path.Join(Root, "/etc/systemd/system/modular-helper.socket"));
        var serviceUnit = File.ReadAllText(Path.Join(Root, "/etc/systemd/system/modular-helper.service"));
        Assert.Contains("ListenStream=/run/modular-helper.sock\n", socketUnit, StringComparison.Ordinal);
        Assert.Contains("SocketGroup=nogroup\nSocketMode=0660\n", socketUnit, StringComparison.Ordinal);
        Assert.Contains("ExecStart=/usr/local/lib/modular-helper/modular-helper --policy /etc/modular/helper.json\n", serviceUnit, StringComparison.Ordinal);
        Assert.Contains("CapabilityBoundingSet=CAP_NET_BIND_SERVICE\n", serviceUnit, StringComparison.Ordinal);
        Assert.Matches("Environment=DOTNET_ROOT=/[^\n]+\n", serviceUnit);
        var policy = JsonNode.Parse(File.ReadAllText(Path.Join(Root, "/etc/modular/helper.json")))!;
        Assert.Equal("""{"users":["nobody"],"ports":[80,443,"8000-8080"],"addresses":["*"]}""", policy.ToJsonString());
        var program = Path.Join(Root, "/usr/local/lib/modular-helper/modular-helper");
        Assert.Equal(Runnable, File.GetUnixFileMode(program));
        Assert.Equal(Readable, File.GetUnixFileMode(Path.Join(Root, "/usr/local/lib/modular-helper/modular-helper.dll")));
        Assert.Equal(Readable, File.GetUnixFileMode(Path.Join(Root, "/etc/systemd/system/modular-helper.service")));
        Assert.Equal(0, OwnerOf(program));
    }

    [Fact]
    public async Task MacOS_gets_a_launchd_plist_run_as_root_and_the_program_under_privileged_helper_tools()
    {
        var result = await RunAsync("helper", "install", "--root", Root, "--platform", "macos", "--user", "nobody", "--group", "nogroup");

        Assert.True(result.ExitCode == 0, result.Errors);
        var plistFile = Path.Join(Root, "/Library/LaunchDaemons/com.modular.helper.plist");
        var plist = XDocument.Load(plistFile, LoadOptions.None);
        Assert.Equal("plist", plist.DocumentType!.Name);
        Assert.Equal("-//Apple//DTD PLIST 1.0//EN", plist.DocumentType.PublicId);
        var dict = plist.Root!.Element("dict")!;
        var values = dict.Elements("key").ToDictionary(key => key.Value, key => (XElement)key.NextNode!);
        Assert.Equal("com.modular.helper", values["Label"].Value);
        Assert.Equal("root", values["UserName"].Value);
        Assert.Equal("true", values["RunAtLoad"].Name.LocalName);
        Assert.Equal(
            ["/Library/PrivilegedHelperTools/com.modular.helper/modular-helper", "--socket", "/var/run/com.modular.helper.sock", "--group", "nogroup", "--policy", "/etc/modular/helper.json"],
            values["ProgramArguments"].Elements("string").Select(word => word.Value));
        Assert.Equal(Readable, File.GetUnixFileMode(plistFile));
        Assert.Equal(0, OwnerOf(plistFile));
        var folder = Path.Join(Root, "/Library/PrivilegedHelperTools/com.modular.helper");
        Assert.Equal(Runnable, File.GetUnixFileMode(folder));
        Assert.Equal(Runnable, File.GetUnixFileMode(Path.Join(folder, "modular-helper")));
        Assert.False(File.Exists(Path.Join(Root, "/etc/systemd/system/modular-helper.socket")));
    }

    [Fact]
    public async Task A_reinstall_keeps_the_operators_policy_and_uninstall_removes_all_but_it()
    {
        await RunAsync("helper", "install", "--root", Root, "--platform", "linux", "--user", "nobody");
        var policyFile = Path.Join(Root, "/etc/modular/helper.json");
        File.WriteAllText(policyFile, """{ "users": ["nobody", "root"], "ports": [80], "addresses": ["*"] }""");

        var again = await RunAsync("helper", "install", "--root", Root, "--platform", "linux", "--user", "nobody");
        var removed = await RunAsync("helper", "uninstall", "--root", Root, "--platform", "linux");

        Assert.Contains("policy: /etc/modular/helper.json kept as it is", again.Output, StringComparison.Ordinal);
        Assert.Equal(0, removed.ExitCode);
        Assert.Equal("""{ "users": ["nobody", "root"], "ports": [80], "addresses": ["*"] }""", File.ReadAllText(policyFile));
        Assert.False(Directory.Exists(Path.Join(Root, "/usr/local/lib/modular-helper")));
        Assert.False(File.Exists(Path.Join(Root, "/etc/systemd/system/modular-helper.socket")));
        Assert.False(File.Exists(Path.Join(Root, "/etc/systemd/system/modular-helper.service")));
    }

    [Fact]
    public async Task Status_runs_the_installed_program_on_the_policy_and_reports_the_socket()
    {
        await RunAsync("helper", "install", "--root", Root, "--platform", "linux", "--user", "nobody");

        var status = await RunAsync("helper", "status", "--root", Root, "--platform", "linux");

        Assert.Equal(1, status.ExitCode);
        Assert.Contains("ok       program /usr/local/lib/modular-helper/modular-helper\n", status.Output, StringComparison.Ordinal);
        Assert.Contains($"ok       policy {Path.Join(Root, "/etc/modular/helper.json")}: valid\n", status.Output, StringComparison.Ordinal);
        Assert.Contains("PROBLEM  socket /run/modular-helper.sock: missing (the helper is not running)", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Installing_on_this_system_without_root_asks_for_sudo()
    {
        var result = await Unprivileged.RunAsync(Folder, ["helper", "install", "--user", "nobody"], more: new Dictionary<string, string>
        {
            ["MODULAR_pluginsFolder"] = Folder.PluginsWith("helpertool"),
            ["MODULAR_plugins"] = "helpertool",
        });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("modular helper: installing the helper needs root: sudo modular helper install --user nobody", result.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("modular helper: --platform windows: expected linux or macos", "helper", "install", "--root", "{root}", "--platform", "windows", "--user", "nobody")]
    [InlineData("modular helper: --platform needs --root: only this system's files can be installed on it", "helper", "install", "--platform", "linux")]
    [InlineData("modular helper: --user no-such-user-here: no such user on this system; name an existing user, or a number with --group", "helper", "install", "--root", "{root}", "--user", "no-such-user-here")]
    [InlineData("modular helper: name the user modular runs as: --user NAME", "helper", "install", "--root", "{root}")]
    [InlineData("modular helper: 'reinstall' is not a helper command", "helper", "reinstall")]
    [InlineData("modular helper: unexpected '--colour'", "helper", "status", "--colour", "blue")]
    [InlineData("modular helper: --user needs a value", "helper", "install", "--user")]
    public async Task Wrong_usage_is_refused_with_the_word_and_the_usage(string message, params string[] arguments)
    {
        var result = await RunAsync([.. arguments.Select(word => word.Replace("{root}", Root, StringComparison.Ordinal))]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message + "\nusage: modular helper install", result.Errors, StringComparison.Ordinal);
    }

    /// <summary>The real <c>modular</c> command line, the plugin selected by the environment as an operator's settings would.</summary>
    private Task<ModularProcess.Result> RunAsync(params string[] arguments) =>
        ModularProcess.RunAsync(Folder.Path, arguments, environment: new Dictionary<string, string>
        {
            ["MODULAR_pluginsFolder"] = Folder.PluginsWith("helpertool"),
            ["MODULAR_plugins"] = "helpertool",
        });

    private static int OwnerOf(string path) =>
        int.Parse(System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%u", path]) { RedirectStandardOutput = true })!
            .StandardOutput.ReadToEnd().Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
