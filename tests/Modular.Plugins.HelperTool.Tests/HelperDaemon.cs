using System.Diagnostics;
using Modular.Testing;

namespace Modular.Plugins.HelperTool.Tests;

/// <summary>The real modular-helper, running as root (as the tests do) on a socket of its own with a policy file the test writes;
/// killed when disposed.</summary>
internal sealed class HelperDaemon : IDisposable
{
    private readonly RunningModular process;

    private HelperDaemon(RunningModular process, string socketPath, string policyFile)
    {
        this.process = process;
        SocketPath = socketPath;
        PolicyFile = policyFile;
    }

    /// <summary>The helper as built into the plugin's folder.</summary>
    public static string Program => Path.Combine(RepoPaths.ProductPlugins, "helpertool", "helper", "modular-helper");

    public string SocketPath { get; }

    public string PolicyFile { get; }

    /// <summary>Starts the helper with <paramref name="policy"/> (JSON) and waits until it listens; its socket belongs to
    /// <paramref name="group"/> with mode 0660.</summary>
    public static async Task<HelperDaemon> StartAsync(TempFolder folder, string policy, string group = "nogroup")
    {
        var socketPath = folder.Combine("helper.sock");
        var policyFile = folder.Write("helper.json", policy);
        var start = new ProcessStartInfo(Program, ["--socket", socketPath, "--group", group, "--policy", policyFile])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var daemon = new HelperDaemon(RunningModular.Start(start, "modular-helper"), socketPath, policyFile);
        await daemon.WaitForLogAsync("listening on");
        return daemon;
    }

    /// <summary>Waits (at most 10 s) until the helper logged a line containing <paramref name="text"/>, and returns it.</summary>
    public Task<string> WaitForLogAsync(string text) => process.WaitForLineAsync(text, seconds: 10);

    public void Dispose() => process.Dispose();
}
