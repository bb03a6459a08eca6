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
            ["appliesWhen"] = setting.AppliesText,
            ["readOnly"] = setting.IsReadOnly,
            ["description"] = setting.Rules.Description,
            // The rules again, structured, for a client that checks a value before sending it (the admin page).
            ["page"] = setting.Rules.Page,
            ["type"] = TypeOf(setting.Property.PropertyType),
            ["minimum"] = setting.Rules.Minimum == long.MinValue ? null : setting.Rules.Minimum,
            ["maximum"] = setting.Rules.Maximum == long.MaxValue ? null : setting.Rules.Maximum,
            ["alsoAllowed"] = new JsonArray([.. setting.Rules.AlsoAllowed.Select(value => (JsonNode)value)]),
            ["allowedValues"] = new JsonArray([.. AllowedValues(setting).Select(value => (JsonNode)value)]),
            ["unit"] = setting.Rules.Unit,
            ["secret"] = setting.Rules.Secret,
        };
    }

    private static string TypeOf(Type type) => type switch
    {
        _ when type == typeof(bool) => "boolean",
        _ when type == typeof(int) || type == typeof(long) => "integer",
        _ when type == typeof(string) || type.IsEnum => "text",
        _ when typeof(System.Collections.IEnumerable).IsAssignableFrom(type) => "list",
        _ => "object",
    };

    private static string[] AllowedValues(SettingDescriptor setting) =>
        setting.Property.PropertyType.IsEnum ? Enum.GetNames(setting.Property.PropertyType) : setting.Rules.AllowedValues;
}
