using Microsoft.Extensions.Options;

namespace Modular.Host.Settings;

/// <summary>Serves a settings class to dependency injection as <see cref="IOptionsMonitor{T}"/> and <see cref="IOptions{T}"/>, backed by the store.</summary>
internal sealed class SettingsMonitor<T>(SettingsStore store) : IOptionsMonitor<T>, IOptions<T> where T : class
{
    public T CurrentValue => store.Current.Get<T>();

    public T Value => CurrentValue;

    public T Get(string? name) => CurrentValue;

    public IDisposable OnChange(Action<T, string?> listener)
    {
        void Forward(SettingsSnapshot snapshot) => listener(snapshot.Get<T>(), Options.DefaultName);
        store.Changed += Forward;
        return new Subscription(() => store.Changed -= Forward);
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
