using System.Diagnostics;

namespace Modular.Testing;

/// <summary>Runs the real <c>modular</c> executable in a process of its own and collects what it printed.</summary>
internal static class ModularProcess
{
    public sealed record Result(int ExitCode, string Output, string Errors);

    /// <summary>The dotnet executable running these tests (the SDK names it in DOTNET_HOST_PATH).</summary>
    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>How to start <c>modular</c> with <paramref name="arguments"/> in <paramref name="workingDirectory"/>, its output redirected,
    /// optionally behind a <paramref name="wrapper"/> command line.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IEnumerable<string> arguments, IEnumerable<string>? wrapper = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        var command = (wrapper ?? []).Concat([Dotnet, RepoPaths.HostAssembly]).Concat(arguments).ToList();
        start.FileName = command[0];
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        return start;
    }

    /// <summary>Runs <c>modular</c> with <paramref name="arguments"/>, optionally behind a <paramref name="wrapper"/> command line and with
    /// more <paramref name="environment"/> variables; killed after 60 s.</summary>
    public static async Task<Result> RunAsync(string workingDirectory, IEnumerable<string> arguments, IEnumerable<string>? wrapper = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var run = await ProcessRun.RunAsync(StartInfo(workingDirectory, arguments, wrapper, environment), TimeSpan.FromSeconds(60));
        return new Result(run.ExitCode, run.Output, run.Errors);
    }
}
