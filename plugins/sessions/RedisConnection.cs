using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Abstractions;
using StackExchange.Redis;

namespace Modular.Plugins.Sessions;

/// <summary>The connection to the Redis of sessionStore redis: made at start without waiting for Redis to be up, kept
/// and re-made by StackExchange.Redis, and failing fast while Redis is away so requests get 503 at once, not after a timeout.</summary>
internal sealed class RedisConnection : IHostedService, IAsyncDisposable
{
    private readonly ConfigurationOptions options;
    private readonly ILogger<RedisConnection> logger;
    private readonly Lazy<Task<ConnectionMultiplexer>> connection;

    public RedisConnection(IOptionsMonitor<WebSessionOptions> settings, ILogger<RedisConnection> logger)
    {
        this.logger = logger;
        options = ConfigurationOptions.Parse(settings.CurrentValue.sessionRedisConfiguration);
        // Start even when Redis is down, and keep trying; a command while it is away fails now instead of queueing.
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        Endpoints = RedisEndpoints.Describe(options);
        connection = new(ConnectAsync);
    }

    /// <summary>The Redis servers, for messages (without the password the configuration may hold).</summary>
    public string Endpoints { get; }

    /// <summary>Runs a Redis command; Redis away becomes <see cref="SessionUnavailableException"/>.</summary>
    public async Task<T> RunAsync<T>(Func<IDatabase, Task<T>> command)
    {
        try
        {
            var multiplexer = await connection.Value.ConfigureAwait(false);
            return await command(multiplexer.GetDatabase()).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // RedisTimeoutException is a TimeoutException, not a RedisException: a Redis that hangs is away too.
            throw Unavailable(e.Message, e);
        }
    }

    /// <summary>The primary servers, to count keys on; none connected is <see cref="SessionUnavailableException"/>.</summary>
    public async Task<IReadOnlyList<IServer>> PrimariesAsync()
    {
        var multiplexer = await connection.Value.ConfigureAwait(false);
        var primaries = multiplexer.GetServers().Where(server => server.IsConnected && !server.IsReplica).ToList();
        return primaries.Count > 0 ? primaries : throw Unavailable("no primary server is connected");
    }

    /// <summary>The one message of Redis being away, naming its servers and the cause.</summary>
    public SessionUnavailableException Unavailable(string reason, Exception? cause = null)
    {
        var message = $"the Redis session store ({Endpoints}) cannot be reached: {reason}";
        return cause is null ? new(message) : new(message, cause);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = connection.Value;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
        multiplexer.ConnectionFailed += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Interactive)
            {
                logger.RedisLost(Endpoints, e.FailureType.ToString(), e.Exception?.Message ?? "");
            }
        };
        multiplexer.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Interactive)
            {
                logger.RedisRestored(Endpoints);
            }
        };
        if (multiplexer.IsConnected)
        {
            logger.RedisConnected(Endpoints);
        }
        else
        {
            logger.RedisUnreachableAtStart(Endpoints, multiplexer.GetStatus());
        }
        return multiplexer;
    }

    public async ValueTask DisposeAsync()
    {
        if (!connection.IsValueCreated)
        {
            return;
        }
        ConnectionMultiplexer multiplexer;
        try
        {
            multiplexer = await connection.Value.ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // Never connected: nothing to close, and the web server's stop must not fail for it.
            return;
        }
        await multiplexer.DisposeAsync().ConfigureAwait(false);
    }
}
