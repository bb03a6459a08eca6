using System.CommandLine;
using Modular.Abstractions;
using Modular.Host.Hosting;

namespace Modular.Host.Cli;

/// <summary>The verbs plugins add to the command line (<see cref="ICommandLineVerbs"/>): <c>modular remote …</c> is projectserver's.</summary>
internal static class PluginVerbs
{
    /// <summary>Commands for the verbs of the plugins the settings select, looked for only when <paramref name="args"/> starts with
    /// a word that is none of <paramref name="hostCommands"/>: a plain start loads its plugins once, in the server.</summary>
    public static IReadOnlyList<Command> Find(string[] args, IReadOnlyCollection<string> hostCommands)
    {
        if (args.Length == 0 || args[0].StartsWith('-') || hostCommands.Contains(args[0]))
        {
            return [];
        }
        // The file and the environment say which plugins to load; the words after the verb are its own, not settings.
        var plan = StartupPlan.Read(new StartOptions { SettingsFile = SettingsFileIn(args) });
        var commands = new List<Command>();
        foreach (var plugin in plan.Plugins.Loaded)
        {
            if (plugin.Instance is not ICommandLineVerbs offered)
            {
                continue;
            }
            foreach (var verb in offered.Verbs.Where(verb => !hostCommands.Contains(verb.Name)))
            {
                commands.Add(ToCommand(verb, plugin.Name));
            }
        }
        return commands;
    }

    private static Command ToCommand(CommandLineVerb verb, string pluginName)
    {
        var command = new Command(verb.Name, $"{verb.Description} (plugin {pluginName})") { TreatUnmatchedTokensAsErrors = false };
        // The verb parses its own words, help included.
        command.Options.Clear();
        command.SetAction((parse, cancellationToken) =>
            // The words after the verb are its own: the admin API is found from the settings file and the environment only.
            verb.RunAsync(new Call(parse.UnmatchedTokens, () => AdminClient.CreateHttpClient(new StartOptions { SettingsFile = parse.GetValue(ModularCommandLine.SettingsFile)?.FullName })), cancellationToken));
        return command;
    }

    private static string? SettingsFileIn(string[] args)
    {
        var at = Array.IndexOf(args, ModularCommandLine.SettingsFile.Name);
        return at >= 0 && at + 1 < args.Length ? Path.GetFullPath(args[at + 1]) : null;
    }

    private sealed class Call(IReadOnlyList<string> arguments, Func<HttpClient?> admin) : ICommandLineCall
    {
        public IReadOnlyList<string> Arguments => arguments;

        public TextWriter Output => Console.Out;

        public TextWriter Errors => Console.Error;

        public HttpClient? CreateAdminClient() => admin();
    }
}
