using System.Diagnostics.Metrics;

namespace Modular.Plugins.Sessions;

/// <summary>The metric modular.sessions.open: sessions kept in this process's memory. Made once per process on the plugin's meter,
/// it reads the store of the web server running now (a new one at each start). The Redis store's sessions are every instance's,
/// counted by the operators' endpoint instead.</summary>
internal sealed class OpenSessionsGauge
{
    private MemorySessionStore? store;

    public OpenSessionsGauge(Meter meter) =>
        meter.CreateObservableUpDownCounter("modular.sessions.open", Observe, "{session}", "Sessions kept in this process's memory.");

    public void Track(MemorySessionStore running) => Volatile.Write(ref store, running);

    public void Untrack(MemorySessionStore stopped) => Interlocked.CompareExchange(ref store, null, stopped);

    private IEnumerable<Measurement<long>> Observe() => Volatile.Read(ref store) is { } running ? [new(running.Count)] : [];
}
