using System.Collections.Concurrent;
using System.Diagnostics;

namespace Modular.Testing;

/// <summary>The real <c>modular</c> executable running in a process of its own, its output collected line by line; killed when disposed.</summary>
internal sealed class RunningModular : IDisposable
{
    private readonly ConcurrentQueue<string> lines = new();

    private readonly string name;

    private RunningModular(Process process, string name)
    {
        Process = process;
        this.name = name;
    }

    public Process Process { get; }

    /// <summary>What it printed so far, standard output and error interleaved.</summary>
    public string Output => string.Join('\n', lines);

    public static RunningModular Start(string workingDirectory, params string[] arguments) => Start(workingDirectory, null, arguments);

    /// <summary>The same, with <paramref name="environment"/> added to the inherited environment.</summary>
    public static RunningModular Start(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = ModularProcess.StartInfo(workingDirectory, arguments);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        return Start(start);
    }

    /// <summary>The same from a full start description (<see cref="ModularProcess.StartInfo"/>: behind a wrapper command, say), or
    /// another program beside it (<paramref name="name"/> says which in failures: modular-helper).</summary>
    public static RunningModular Start(ProcessStartInfo start, string name = "modular")
    {
        var running = new RunningModular(Process.Start(start)!, name);
        running.Process.OutputDataReceived += (_, line) => running.Collect(line.Data);
        running.Process.ErrorDataReceived += (_, line) => running.Collect(line.Data);
        running.Process.BeginOutputReadLine();
        running.Process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Waits (at most <paramref name="seconds"/>) for a printed line containing <paramref name="text"/>; fails with the output otherwise.</summary>
    public async Task<string> WaitForLineAsync(string text, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (lines.FirstOrDefault(line => line.Contains(text, StringComparison.Ordinal)) is { } found)
            {
                return found;
            }
            if (Process.HasExited)
            {
                Assert.Fail($"{name} exited ({Process.ExitCode}) before printing '{text}':\n{Output}");
            }
            await Task.Delay(50);
        }
        Assert.Fail($"{name} did not print '{text}' within {seconds} s:\n{Output}");
        return "";
    }

    private void Collect(string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit(10_000);
        }
        Process.Dispose();
    }
}
