using System.Text.Json.Nodes;
using Modular.Host.Cli;
using Modular.Host.Settings;

namespace Modular.Host.Admin;

/// <summary>The admin API's view of settings: each with its value, layer, default, rules and when a change applies.</summary>
internal static class SettingsRows
{
    public static IEnumerable<JsonNode> All(SettingsStore store)
    {
        var snapshot = store.Current;
        return SettingsReference.Ordered(store.Catalog).Select(setting => (JsonNode)Row(setting, snapshot));
    }

    public static JsonObject Row(SettingDescriptor setting, SettingsSnapshot snapshot)
    {
        var origin = snapshot.OriginOf(setting.Key);
        var value = setting.Property.GetValue(snapshot.Get(setting.SettingsType));
        return new JsonObject
        {
            ["name"] = setting.Key,
            ["owner"] = setting.Owner,
            ["value"] = setting.Rules.Secret ? setting.Show(value) : AdminJson.Value(value),
            ["layer"] = origin.Layer.ToString(),
            ["origin"] = origin.Description,
            ["default"] = AdminJson.Value(setting.DefaultValue),
            ["allowed"] = setting.AllowedText,
            ["appliesAt"] = setting.Rules.AppliesAt.ToString(),
            ["readOnly"] = setting.IsReadOnly,
            ["description"] = setting.Rules.Description,
        };
    }
}
