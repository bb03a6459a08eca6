namespace Modular.Host.Settings;

/// <summary>Validated values of every settings class, with the origin of each key; never changed once built.</summary>
internal sealed class SettingsSnapshot(IReadOnlyDictionary<Type, object> values, IReadOnlyDictionary<string, SettingOrigin> origins)
{
    public IReadOnlyDictionary<Type, object> Values { get; } = values;

    public object Get(Type settingsType) => Values.TryGetValue(settingsType, out var value)
        ? value
        : throw new InvalidOperationException($"{settingsType.FullName} is not a registered settings class.");

    public T Get<T>() => (T)Get(typeof(T));

    public SettingOrigin OriginOf(string key) => origins.GetValueOrDefault(key) ?? SettingOrigin.Default;
}
