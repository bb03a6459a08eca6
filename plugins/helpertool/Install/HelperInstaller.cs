using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Modular.Plugins.HelperTool.Protocol;

namespace Modular.Plugins.HelperTool.Install;

/// <summary>Puts the helper in place (program, policy, service manager's files), takes it away, and says how it is.</summary>
/// <remarks>Under a staging root the files are only written; on the real root the service manager is told too.</remarks>
internal sealed class HelperInstaller(HelperLayout layout, TextWriter output)
{
    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Runnable = Readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private bool OnRealRoot => layout.Root == "/";

    /// <summary>Copies the helper from <paramref name="source"/> (the plugin's helper/ folder) and writes its files; the policy
    /// file is written only when there is none, so that an operator's edits survive a reinstall.</summary>
    public void Install(string source, string group, JsonObject policy)
    {
        if (!File.Exists(Path.Join(source, "modular-helper")))
        {
            throw new IOException($"the helper's program is not in {source}: build or publish the helpertool plugin again");
        }
        var program = layout.OnDisk(layout.ProgramFolder);
        if (Directory.Exists(program))
        {
            Directory.Delete(program, recursive: true);
        }
        Copy(source, program);
        output.WriteLine($"program: {layout.ProgramFolder}");
        var policyFile = layout.OnDisk(HelperLayout.PolicyFile);
        if (File.Exists(policyFile))
        {
            output.WriteLine($"policy: {HelperLayout.PolicyFile} kept as it is");
        }
        else
        {
            Write(policyFile, policy.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            output.WriteLine($"policy: {HelperLayout.PolicyFile} written: {policy.ToJsonString()}");
        }
        var contents = ServiceFiles.For(layout, group, DotnetRoot(source));
        foreach (var (file, text) in layout.ServiceFiles.Zip(contents))
        {
            Write(layout.OnDisk(file), text);
            output.WriteLine($"service: {file}");
        }
        if (OnRealRoot)
        {
            Activate();
        }
    }

    /// <summary>Stops the helper and removes its program and service files; the policy file stays, as a package's configuration does.</summary>
    public void Uninstall()
    {
        if (OnRealRoot)
        {
            Deactivate();
        }
        foreach (var file in layout.ServiceFiles)
        {
            File.Delete(layout.OnDisk(file));
            output.WriteLine($"removed {file}");
        }
        if (Directory.Exists(layout.OnDisk(layout.ProgramFolder)))
        {
            Directory.Delete(layout.OnDisk(layout.ProgramFolder), recursive: true);
            output.WriteLine($"removed {layout.ProgramFolder}");
        }
        output.WriteLine($"kept {HelperLayout.PolicyFile}");
    }

    /// <summary>Prints each part's state; true when the helper is installed, its policy valid and its socket answering.</summary>
    public bool Status(string socketPath)
    {
        var good = true;
        void Say(bool ok, string line)
        {
            good &= ok;
            output.WriteLine((ok ? "ok       " : "PROBLEM  ") + line);
        }
        var program = layout.OnDisk(layout.Program);
        Say(File.Exists(program), $"program {layout.Program}{(File.Exists(program) ? "" : ": missing; sudo modular helper install")}");
        foreach (var file in layout.ServiceFiles)
        {
            var present = File.Exists(layout.OnDisk(file));
            Say(present, $"service file {file}{(present ? "" : ": missing")}");
        }
        if (File.Exists(program))
        {
            var (code, said) = Run(program, ["--check", "--policy", layout.OnDisk(HelperLayout.PolicyFile)]);
            Say(code == 0, $"policy {said.Trim()}");
        }
        Say(Answers(socketPath, out var problem), $"socket {socketPath}{problem}");
        return good;
    }

    private static bool Answers(string socketPath, out string problem)
    {
        if (!File.Exists(socketPath))
        {
            problem = ": missing (the helper is not running)";
            return false;
        }
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(socketPath));
            problem = ": answering";
            return true;
        }
        catch (SocketException e)
        {
            problem = $": {e.Message}";
            return false;
        }
    }

    private void Activate()
    {
        if (layout.MacOS)
        {
            Run("launchctl", ["bootout", "system/" + HelperLayout.Label]);
            Require(Run("launchctl", ["bootstrap", "system", layout.ServiceFiles[0]]), "launchctl bootstrap");
        }
        else if (Directory.Exists("/run/systemd/system"))
        {
            Require(Run("systemctl", ["daemon-reload"]), "systemctl daemon-reload");
            Require(Run("systemctl", ["enable", "--now", HelperLayout.SystemdName + ".socket"]), "systemctl enable");
            // A helper already running goes on with its old program until restarted.
            Run("systemctl", ["try-restart", HelperLayout.SystemdName + ".service"]);
        }
        else
        {
            output.WriteLine($"systemd is not running here: start the helper yourself, as root: {layout.Program} --socket {layout.SocketPath} --group GROUP --policy {HelperLayout.PolicyFile}");
            return;
        }
        output.WriteLine($"the helper answers on {layout.SocketPath}");
    }

    private void Deactivate()
    {
        if (layout.MacOS)
        {
            Run("launchctl", ["bootout", "system/" + HelperLayout.Label]);
        }
        else if (Directory.Exists("/run/systemd/system"))
        {
            Run("systemctl", ["disable", "--now", HelperLayout.SystemdName + ".socket", HelperLayout.SystemdName + ".service"]);
            Run("systemctl", ["daemon-reload"]);
        }
    }

    private static void Require((int Code, string Output) result, string what)
    {
        if (result.Code != 0)
        {
            throw new IOException($"{what} failed ({result.Code}): {result.Output.Trim()}");
        }
    }

    private static (int Code, string Output) Run(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        try
        {
            using var process = Process.Start(start)!;
            var said = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, said.Result + errors);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (127, $"{program}: {e.Message}");
        }
    }

    /// <summary>The shared runtime's folder for a framework-dependent helper (systemd and launchd start it with a bare environment);
    /// null for a self-contained one, which carries its runtime.</summary>
    private static string? DotnetRoot(string source)
    {
        var config = Path.Join(source, "modular-helper.runtimeconfig.json");
        if (File.Exists(config) && File.ReadAllText(config).Contains("includedFrameworks", StringComparison.Ordinal))
        {
            return null;
        }
        // The runtime folder is <root>/shared/Microsoft.NETCore.App/<version>.
        return Path.GetFullPath(Path.Join(Path.GetDirectoryName(typeof(object).Assembly.Location), "..", "..", ".."));
    }

    private static void Copy(string source, string target)
    {
        Directory.CreateDirectory(target);
        Own(target, Runnable);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            var copy = Path.Join(target, Path.GetFileName(file));
            File.Copy(file, copy);
            Own(copy, Path.GetFileName(file) == "modular-helper" ? Runnable : Readable);
        }
        foreach (var folder in Directory.EnumerateDirectories(source))
        {
            Copy(folder, Path.Join(target, Path.GetFileName(folder)));
        }
    }

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        Own(path, Readable);
    }

    /// <summary>Root's, writable by root only: root runs these, so nobody else may change them. Run by another user (a staging
    /// root), the files stay that user's and the packaging tool sets the owner.</summary>
    private static void Own(string path, UnixFileMode mode)
    {
        File.SetUnixFileMode(path, mode);
        if (UnixAccounts.EffectiveUserId == 0)
        {
            UnixAccounts.GiveToGroup(path, 0);
        }
    }

    /// <summary>The policy a fresh install writes: the server's user may have the given ports on the given addresses.</summary>
    public static JsonObject Policy(string user, IEnumerable<string> ports, IEnumerable<string> addresses) => new()
    {
        ["users"] = new JsonArray(user),
        ["ports"] = new JsonArray([.. ports.Select(port => int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : (JsonNode)JsonValue.Create(port))]),
        ["addresses"] = new JsonArray([.. addresses.Select(address => (JsonNode)JsonValue.Create(address))]),
    };
}
