using System.Runtime.InteropServices;
using System.CommandLine;
using Modular.Host.Hosting;

namespace Modular.Host.Cli;

/// <summary>The <c>modular</c> command line: <c>run</c> (the default) and <c>settings list|check</c>.</summary>
internal static class ModularCommandLine
{
    /// <summary>Exit code for settings or plugins that prevent a start.</summary>
    public const int ConfigurationError = 2;

    public static readonly Option<FileInfo?> SettingsFile = new("--settings")
    {
        Description = "The settings file (JSON, 4D names); default: modular.json in the working directory, if present.",
        Recursive = true,
    };

    public static RootCommand Create(string[]? args = null)
    {
        var root = new RootCommand("Modular: a plugin-based web server. Any setting may follow as --<Name> <value>, e.g. --HTTPPort 8080.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        root.Options.Add(SettingsFile);

        var run = new Command("run", "Start the web server (the default command).") { TreatUnmatchedTokensAsErrors = false };
        run.SetAction(RunAsync);
        root.SetAction(RunAsync);
        root.Subcommands.Add(run);
        root.Subcommands.Add(SettingsCommands.Create());
        root.Subcommands.Add(HealthCommand.Create());
        root.Subcommands.Add(RemoteCommands.Server());
        foreach (var verb in PluginVerbs.Find(args ?? [], root.Subcommands.Select(command => command.Name).ToList()))
        {
            root.Subcommands.Add(verb);
        }
        return root;
    }

    /// <summary>The start options a parsed command line asks for.</summary>
    public static StartOptions ReadStartOptions(ParseResult parse) => new()
    {
        SettingsFile = parse.GetValue(SettingsFile)?.FullName,
        SettingArguments = parse.UnmatchedTokens,
    };

    public static void WriteErrors(string heading, IReadOnlyList<string> errors)
    {
        Console.Error.WriteLine(heading);
        foreach (var error in errors)
        {
            Console.Error.WriteLine("  - " + error);
        }
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        try
        {
            var server = await ModularServer.StartAsync(ReadStartOptions(parse), cancellationToken).ConfigureAwait(false);
            await using (server.ConfigureAwait(false))
            {
                await WaitForStopSignalAsync(cancellationToken).ConfigureAwait(false);
            }
            return 0;
        }
        catch (StartupException e)
        {
            WriteErrors($"modular cannot start ({e.Errors.Count} problem{(e.Errors.Count == 1 ? "" : "s")}):", e.Errors);
            return ConfigurationError;
        }
    }

    /// <summary>Ctrl+C, SIGTERM and SIGQUIT end the process; disposing the server then stops accepting and lets requests in flight finish.</summary>
    /// <remarks>The process handles them, not the web server's host: the web server may be stopped and started again while the process runs.</remarks>
    private static async Task WaitForStopSignalAsync(CancellationToken cancellationToken)
    {
        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.TrySetResult();
        }
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);
        using var cancelled = cancellationToken.Register(() => stop.TrySetResult());
        await stop.Task.ConfigureAwait(false);
    }
}
