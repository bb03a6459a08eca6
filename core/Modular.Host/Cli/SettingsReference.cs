using System.Globalization;
using System.Text;
using Modular.Host.Settings;

namespace Modular.Host.Cli;

/// <summary>The settings reference, generated from the settings classes: for the terminal and for the README.</summary>
internal static class SettingsReference
{
    public static string Markdown(SettingsCatalog catalog)
    {
        var text = new StringBuilder();
        text.AppendLine("| Setting | Owner | Default | Allowed | Applies | Description |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var setting in Ordered(catalog))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| `{setting.Key}` | {setting.Owner} | `{Escape(setting.DefaultText)}` | {Escape(setting.AllowedText)} | {setting.AppliesText} | {Escape(setting.Rules.Description)} |");
        }
        return text.ToString();
    }

    public static string Text(SettingsCatalog catalog, SettingsSnapshot snapshot)
    {
        var text = new StringBuilder();
        foreach (var setting in Ordered(catalog))
        {
            var value = setting.Show(setting.Property.GetValue(snapshot.Get(setting.SettingsType)));
            text.AppendLine(CultureInfo.InvariantCulture, $"{setting.Key} = {value}   ({snapshot.OriginOf(setting.Key).Description}; owner {setting.Owner})");
            text.AppendLine(CultureInfo.InvariantCulture, $"    default {setting.DefaultText}; allowed: {setting.AllowedText}; a change applies {setting.AppliesText}");
            text.AppendLine(CultureInfo.InvariantCulture, $"    {setting.Rules.Description}");
        }
        return text.ToString();
    }

    // Core first, then plugins by id; within an owner, class by class and keys in declaration order, as the options classes read.
    public static IEnumerable<SettingDescriptor> Ordered(SettingsCatalog catalog) =>
        catalog.Settings
            .OrderBy(s => s.Owner == "core" ? "" : s.Owner, StringComparer.Ordinal)
            .ThenBy(s => catalog.Classes.ToList().FindIndex(c => c.Type == s.SettingsType))
            .ThenBy(s => s.Property.MetadataToken);

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
