using Microsoft.Extensions.Options;

namespace Modular.Host.Settings;

/// <summary>Serves a settings class to dependency injection as <see cref="IOptionsMonitor{T}"/> and <see cref="IOptions{T}"/>, backed by the store.</summary>
internal sealed class SettingsMonitor<T>(SettingsStore store) : IOptionsMonitor<T>, IOptions<T> where T : class
{
    // Middleware reads settings on every request: the value is looked up once per snapshot, then one reference compare.
    private Cached cached = new(null, null!);

    public T CurrentValue
    {
        get
        {
            var snapshot = store.Current;
            var known = Volatile.Read(ref cached);
            if (ReferenceEquals(known.Snapshot, snapshot))
            {
                return known.Value;
            }
            var value = snapshot.Get<T>();
            Volatile.Write(ref cached, new Cached(snapshot, value));
            return value;
        }
    }

    public T Value => CurrentValue;

    public T Get(string? name) => CurrentValue;

    public IDisposable OnChange(Action<T, string?> listener)
    {
        void Forward(SettingsSnapshot snapshot) => listener(snapshot.Get<T>(), Options.DefaultName);
        store.Changed += Forward;
        return new Subscription(() => store.Changed -= Forward);
    }

    private sealed record Cached(SettingsSnapshot? Snapshot, T Value);

    private sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
