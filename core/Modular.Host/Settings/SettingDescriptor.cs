using System.Globalization;
using System.Reflection;
using Modular.Abstractions;

namespace Modular.Host.Settings;

/// <summary>One setting: its key, owner, type, default and rules, read from its settings class.</summary>
internal sealed class SettingDescriptor
{
    public SettingDescriptor(string owner, Type settingsType, PropertyInfo property, SettingAttribute attribute, object defaults)
    {
        Owner = owner;
        SettingsType = settingsType;
        Property = property;
        Rules = attribute;
        DefaultValue = property.GetValue(defaults);
    }

    /// <summary>The 4D name, spelled as declared.</summary>
    public string Key => Property.Name;

    /// <summary>"core" or the plugin's id.</summary>
    public string Owner { get; }

    public Type SettingsType { get; }

    public PropertyInfo Property { get; }

    public SettingAttribute Rules { get; }

    public object? DefaultValue { get; }

    public string DefaultText => FormatValue(DefaultValue);

    /// <summary>A value the host derives from other settings (a property without setter): shown, never set.</summary>
    public bool IsReadOnly => Property.SetMethod is null;

    /// <summary>What is shown in place of a secret's value.</summary>
    public const string Hidden = "(hidden)";

    /// <summary>The value as shown: <see cref="Hidden"/> for a secret that is set.</summary>
    public string Show(object? value) => Rules.Secret && value is string { Length: > 0 } ? Hidden : FormatValue(value);

    /// <summary>When a change made while running takes effect, as words.</summary>
    public string AppliesText => Rules.AppliesAt switch
    {
        SettingScope.NextRequest => "on the next request",
        SettingScope.Listeners => "when the listeners are bound again",
        _ => "at the next start",
    };

    /// <summary>The allowed values as a phrase for the reference and the error messages.</summary>
    public string AllowedText
    {
        get
        {
            var type = Property.PropertyType;
            if (IsReadOnly)
            {
                return "read-only";
            }
            if (type == typeof(bool))
            {
                return "true or false (or 1 or 0)";
            }
            if (type.IsEnum)
            {
                return "one of " + string.Join(", ", Enum.GetNames(type));
            }
            if (type == typeof(int) || type == typeof(long))
            {
                var text = FormatRange();
                if (Rules.AlsoAllowed.Length > 0)
                {
                    text += " or " + string.Join(", ", Rules.AlsoAllowed);
                }
                return Rules.ZeroRestoresDefault ? text + " (0 restores the default)" : text;
            }
            if (Rules.Accepts is not null)
            {
                return Rules.Accepts;
            }
            if (Rules.AllowedValues.Length > 0)
            {
                return "one of " + string.Join(", ", Rules.AllowedValues);
            }
            return SettingValueConverter.IsTextList(type) ? "a list of names, comma-separated" : "text";
        }
    }

    private string FormatRange()
    {
        // A bound left at the attribute's default is no bound; one written out is shown as written.
        var unit = Rules.Unit is null ? "" : " " + Rules.Unit;
        return (Rules.Minimum, Rules.Maximum) switch
        {
            (long.MinValue, long.MaxValue) => "a whole number" + unit,
            (var min, long.MaxValue) => $"{min} or more{unit}",
            (long.MinValue, var max) => $"{max} or less{unit}",
            var (min, max) => $"{min}..{max}{unit}",
        };
    }

    public static string FormatValue(object? value) => value switch
    {
        null => "(none)",
        bool b => b ? "true" : "false",
        string s => s.Length == 0 ? "(none)" : s,
        IEnumerable<string> list => list.Any() ? string.Join(",", list) : "(none)",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable items when !items.GetEnumerator().MoveNext() => "(none)",
        // A structured value (CORSSettings) is shown as the JSON it is written in.
        _ => System.Text.Json.JsonSerializer.Serialize(value, value.GetType()),
    };
}
