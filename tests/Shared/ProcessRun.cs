using System.Diagnostics;

namespace Modular.Testing;

/// <summary>Runs a program to its end, its output collected, killed (with its children) past a time limit.</summary>
internal static class ProcessRun
{
    public sealed record Result(int ExitCode, string Output, string Errors);

    /// <summary>Starts <paramref name="start"/> (its output is redirected here) and waits at most <paramref name="limit"/>.</summary>
    public static async Task<Result> RunAsync(ProcessStartInfo start, TimeSpan limit)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(limit);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return new Result(process.ExitCode, await output, await errors);
    }
}
