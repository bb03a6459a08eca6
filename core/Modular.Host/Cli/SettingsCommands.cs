using System.CommandLine;
using Modular.Host.Hosting;

namespace Modular.Host.Cli;

/// <summary><c>modular settings list</c> and <c>modular settings check</c>.</summary>
internal static class SettingsCommands
{
    private static readonly Option<string> Format = new("--format")
    {
        Description = "text (aligned columns) or markdown (the README's settings reference).",
        DefaultValueFactory = _ => "text",
    };

    public static Command Create()
    {
        Format.AcceptOnlyFromAmong("text", "markdown");
        var list = new Command("list", "Every setting of the core and the loaded plugins: value, origin, default, allowed values, description.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        list.Options.Add(Format);
        list.SetAction(parse =>
        {
            var plan = StartupPlan.Read(ModularCommandLine.ReadStartOptions(parse));
            Console.Out.Write(parse.GetValue(Format) == "markdown"
                ? SettingsReference.Markdown(plan.Catalog)
                : SettingsReference.Text(plan.Catalog, plan.Snapshot));
            if (plan.Problems.Count > 0)
            {
                ModularCommandLine.WriteErrors("The settings as given have problems (run 'modular settings check'):", plan.Problems);
                return ModularCommandLine.ConfigurationError;
            }
            return 0;
        });

        var check = new Command("check", "Validate the settings file, environment and command line; exit 2 listing every problem.")
        {
            TreatUnmatchedTokensAsErrors = false,
        };
        check.SetAction(parse =>
        {
            var plan = StartupPlan.Read(ModularCommandLine.ReadStartOptions(parse));
            if (plan.Problems.Count > 0)
            {
                ModularCommandLine.WriteErrors($"{plan.Problems.Count} problem{(plan.Problems.Count == 1 ? "" : "s")} in the settings:", plan.Problems);
                return ModularCommandLine.ConfigurationError;
            }
            var file = plan.Input.FileExists ? plan.Input.FilePath : "no settings file";
            Console.Out.WriteLine($"Settings are valid ({file}; plugins: {(plan.Plugins.Names.Count == 0 ? "none" : string.Join(", ", plan.Plugins.Names))}).");
            return 0;
        });

        var settings = new Command("settings", "List or check the settings; get or set those of a running server.");
        settings.Subcommands.Add(list);
        settings.Subcommands.Add(check);
        settings.Subcommands.Add(RemoteCommands.Get());
        settings.Subcommands.Add(RemoteCommands.Set());
        return settings;
    }
}
