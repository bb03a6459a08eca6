using Modular.Abstractions;

namespace Modular.Host.Settings;

/// <summary>Any setting by key, read from the snapshot <paramref name="snapshot"/> returns: a fixed one while validating, the running one as a service.</summary>
internal sealed class SettingsView(SettingsCatalog catalog, Func<SettingsSnapshot> snapshot) : ISettingsView
{
    public T Value<T>(string key)
    {
        var setting = catalog.Find(key) ?? throw new KeyNotFoundException($"No loaded owner declares the setting '{key}'.");
        var value = setting.Property.GetValue(snapshot().Get(setting.SettingsType));
        return value is T typed
            ? typed
            : throw new InvalidCastException($"The setting {setting.Key} is {setting.Property.PropertyType.Name}, not {typeof(T).Name}.");
    }
}
