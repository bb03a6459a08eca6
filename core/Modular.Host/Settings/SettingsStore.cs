namespace Modular.Host.Settings;

/// <summary>Holds the running settings; a change swaps the whole snapshot at once and tells the listeners.</summary>
internal sealed class SettingsStore(SettingsCatalog catalog, SettingsSnapshot initial)
{
    private SettingsSnapshot current = initial;

    public event Action<SettingsSnapshot>? Changed;

    public SettingsCatalog Catalog { get; } = catalog;

    public SettingsSnapshot Current => Volatile.Read(ref current);

    public void Replace(SettingsSnapshot snapshot)
    {
        Volatile.Write(ref current, snapshot);
        Changed?.Invoke(snapshot);
    }
}
