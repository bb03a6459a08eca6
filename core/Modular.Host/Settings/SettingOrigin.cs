namespace Modular.Host.Settings;

/// <summary>Where the current value of one setting came from.</summary>
/// <param name="Layer">The layer that supplied it.</param>
/// <param name="Description">The place in words, e.g. "from command line --HTTPPort" or "default".</param>
public sealed record SettingOrigin(SettingLayer Layer, string Description)
{
    public static SettingOrigin Default { get; } = new(SettingLayer.Default, "default");
}
