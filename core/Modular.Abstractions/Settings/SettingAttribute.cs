namespace Modular.Abstractions;

/// <summary>Declares a property of a settings class as a setting, with its description and allowed values.</summary>
/// <remarks>
/// The property's name is the setting's key (the 4D <c>webServer</c> name) and its initial value is
/// the default. The settings reference, <c>modular settings list</c> and the validation messages
/// all come from this attribute, so a setting is described in exactly one place.
/// </remarks>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false)]
public sealed class SettingAttribute(string description) : Attribute
{
    /// <summary>One line saying what the setting does.</summary>
    public string Description { get; } = description;

    /// <summary>The smallest allowed value of a number.</summary>
    public long Minimum { get; init; } = long.MinValue;

    /// <summary>The largest allowed value of a number.</summary>
    public long Maximum { get; init; } = long.MaxValue;

    /// <summary>Numbers allowed besides the range (4D's -1 for "the compromise level", say).</summary>
    public long[] AlsoAllowed { get; init; } = [];

    /// <summary>The closed set of allowed values of a text setting (compared without case); empty means any.</summary>
    public string[] AllowedValues { get; init; } = [];

    /// <summary>4D's rule "pass 0 to restore the default value".</summary>
    public bool ZeroRestoresDefault { get; init; }

    /// <summary>What a free-form text accepts, for the reference and the messages ("an IPv4 or IPv6 address").</summary>
    /// <remarks>Checked by the settings class's <see cref="IValidatableSettings.Validate"/>; this only says it.</remarks>
    public string? Accepts { get; init; }

    /// <summary>The unit shown in the reference (seconds, minutes, bytes, MB).</summary>
    public string? Unit { get; init; }

    /// <summary>When a value changed while running takes effect (contract 1.1); a setting read only in
    /// <c>ConfigureServices</c> or once at start says <see cref="SettingScope.Start"/>.</summary>
    public SettingScope AppliesAt { get; init; } = SettingScope.NextRequest;

    /// <summary>The page of 4D's Web settings dialog the setting is on ("Configuration", "Options (I)", "Options (II)"; contract 1.5),
    /// by which the admin page groups it; null for settings 4D's dialog does not have.</summary>
    public string? Page { get; init; }

    /// <summary>A secret (a token, a password): its value is never shown, in messages, lists or the admin API (contract 1.1).</summary>
    public bool Secret { get; init; }
}
