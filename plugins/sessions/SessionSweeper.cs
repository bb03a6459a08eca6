using Microsoft.Extensions.Hosting;

namespace Modular.Plugins.Sessions;

/// <summary>Sweeps the in-memory sessions every 30 seconds of the server's clock, so idle ones end even when no request asks for them.</summary>
internal sealed class SessionSweeper(MemorySessionStore store, TimeProvider clock) : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(30);
    private ITimer? timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        timer = clock.CreateTimer(_ => store.Sweep(), null, Period, Period);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref timer, null) is { } running)
        {
            await running.DisposeAsync().ConfigureAwait(false);
        }
    }
}
