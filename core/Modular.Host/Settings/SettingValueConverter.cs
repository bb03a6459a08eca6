using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Modular.Host.Settings;

/// <summary>Turns a raw configuration value into the type of its setting, or says what is allowed.</summary>
internal static class SettingValueConverter
{
    public static bool IsTextList(Type type) =>
        type == typeof(string[]) || type == typeof(IReadOnlyList<string>) || type == typeof(List<string>);

    /// <summary>The raw text of a value for messages: the scalar, or a note that it is structured.</summary>
    public static string RawText(IConfigurationSection section) =>
        section.Value ?? (section.GetChildren().Any() ? "(a structured value)" : "");

    public static bool TryConvert(SettingDescriptor setting, IConfigurationSection section, out object? value, out string error)
    {
        var type = setting.Property.PropertyType;
        var raw = section.Value;
        error = "";
        value = null;

        if (IsTextList(type))
        {
            var items = raw is not null
                ? raw.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                : section.GetChildren().Select(child => child.Value?.Trim() ?? "").Where(item => item.Length > 0).ToArray();
            value = type == typeof(List<string>) ? items.ToList() : items;
            return true;
        }

        if (raw is null && section.GetChildren().Any() && IsScalar(type))
        {
            error = $"must be {setting.AllowedText}, not a structured value";
            return false;
        }

        if (type == typeof(bool))
        {
            // WEB SET OPTION passes booleans as 0 or 1.
            switch (raw?.Trim().ToUpperInvariant())
            {
                case "TRUE" or "1": value = true; return true;
                case "FALSE" or "0": value = false; return true;
                default: error = $"must be {setting.AllowedText}"; return false;
            }
        }

        if (type == typeof(int) || type == typeof(long))
        {
            if (!long.TryParse(raw?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                error = $"must be {setting.AllowedText}";
                return false;
            }
            if (number == 0 && setting.Rules.ZeroRestoresDefault)
            {
                value = setting.DefaultValue;
                return true;
            }
            var inRange = number >= setting.Rules.Minimum && number <= setting.Rules.Maximum
                && (type == typeof(long) || number is >= int.MinValue and <= int.MaxValue);
            if (!inRange && !setting.Rules.AlsoAllowed.Contains(number))
            {
                error = $"must be {setting.AllowedText}";
                return false;
            }
            value = type == typeof(int) ? (object)(int)number : number;
            return true;
        }

        if (type.IsEnum)
        {
            if (raw is not null && !raw.Trim().All(char.IsAsciiDigit) && Enum.TryParse(type, raw.Trim(), ignoreCase: true, out var parsed))
            {
                value = parsed;
                return true;
            }
            error = $"must be {setting.AllowedText}";
            return false;
        }

        if (type == typeof(string))
        {
            var text = raw ?? "";
            if (setting.Rules.AllowedValues.Length > 0)
            {
                var match = setting.Rules.AllowedValues.FirstOrDefault(allowed => string.Equals(allowed, text.Trim(), StringComparison.OrdinalIgnoreCase));
                if (match is null)
                {
                    error = $"must be {setting.AllowedText}";
                    return false;
                }
                text = match;
            }
            value = text;
            return true;
        }

        return TryBindStructured(type, section, out value, out error);
    }

    private static bool IsScalar(Type type) => type == typeof(bool) || type == typeof(int) || type == typeof(long) || type == typeof(string) || type.IsEnum;

    private static bool TryBindStructured(Type type, IConfigurationSection section, out object? value, out string error)
    {
        value = null;
        if (section.Value is { } text && !TryReadJson(text, out section, out error))
        {
            return false;
        }
        try
        {
            value = section.Get(type, options => options.ErrorOnUnknownConfiguration = true) ?? Empty(type);
            error = "";
            return true;
        }
        catch (InvalidOperationException e)
        {
            // The binder wraps the cause (an unknown key of a list entry, a wrong type) in a general message.
            var cause = e;
            while (cause.InnerException is InvalidOperationException inner)
            {
                cause = inner;
            }
            error = cause.Message.TrimEnd('.');
            return false;
        }
    }

    /// <summary>What an empty or null structured value (<c>[]</c>, <c>null</c>) binds to: an empty list, or a new object.</summary>
    private static object? Empty(Type type) =>
        type.IsInterface && type.IsGenericType && type.GetGenericArguments() is [var item] && type.IsAssignableFrom(item.MakeArrayType())
            ? Array.CreateInstance(item, 0)
            : Activator.CreateInstance(type);

    /// <summary>A structured value given as one text (an environment variable, a command-line argument) is JSON.</summary>
    private static bool TryReadJson(string text, out IConfigurationSection section, out string error)
    {
        // The JSON provider takes an object at the root: the value goes under one key of its own.
        var wrapped = "{\"value\": " + (string.IsNullOrWhiteSpace(text) ? "null" : text) + "}";
        try
        {
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(wrapped));
            section = new ConfigurationBuilder().AddJsonStream(stream).Build().GetSection("value");
            error = "";
            return true;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
        {
            section = null!;
            error = $"must be JSON when given as text ({(e.InnerException ?? e).Message.TrimEnd('.')})";
            return false;
        }
    }
}
