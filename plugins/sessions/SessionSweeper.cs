using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Modular.Abstractions;

namespace Modular.Plugins.Sessions;

/// <summary>Sweeps the sessions every 30 seconds of the server's clock, so idle work is cancelled (and idle in-memory
/// sessions end) even when no request asks for them.</summary>
internal sealed class SessionSweeper(ISessionStore store, TimeProvider clock, ILogger<SessionSweeper> logger) : IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(30);
    private ITimer? timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        timer = clock.CreateTimer(_ => _ = SweepAsync(), null, Period, Period);
        return Task.CompletedTask;
    }

    private async Task SweepAsync()
    {
        try
        {
            await store.SweepAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (SessionUnavailableException e)
        {
            // The next sweep tries again; requests already say the store is down.
            logger.SweepSkipped(e.Message);
        }
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
