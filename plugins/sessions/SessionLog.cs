using Microsoft.Extensions.Logging;

namespace Modular.Plugins.Sessions;

/// <summary>The sessions plugin's log messages, with stable event ids.</summary>
internal static partial class SessionLog
{
    [LoggerMessage(1, LogLevel.Error, "A request for {Path} needs its session and the session store cannot be reached; answered 503: {Reason}")]
    public static partial void StoreUnavailable(this ILogger logger, string path, string reason);

    [LoggerMessage(2, LogLevel.Information, "Sessions are kept in Redis at {Endpoints}.")]
    public static partial void RedisConnected(this ILogger logger, string endpoints);

    [LoggerMessage(3, LogLevel.Warning, "The Redis session store at {Endpoints} cannot be reached at start; requests that need a session get 503 until it can, and the connection is retried in the background. {Status}")]
    public static partial void RedisUnreachableAtStart(this ILogger logger, string endpoints, string status);

    [LoggerMessage(4, LogLevel.Warning, "The connection to the Redis session store at {Endpoints} is lost ({FailureType}: {Reason}); requests that need a session get 503 until it returns.")]
    public static partial void RedisLost(this ILogger logger, string endpoints, string failureType, string reason);

    [LoggerMessage(5, LogLevel.Information, "The Redis session store at {Endpoints} is reachable again.")]
    public static partial void RedisRestored(this ILogger logger, string endpoints);

    [LoggerMessage(6, LogLevel.Debug, "Session sweep skipped: {Reason}")]
    public static partial void SweepSkipped(this ILogger logger, string reason);
}
