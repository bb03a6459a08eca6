using Microsoft.Extensions.Logging;

namespace Modular.Plugins.Sessions;

/// <summary>The sessions plugin's log messages, with stable event ids.</summary>
internal static partial class SessionLog
{
    [LoggerMessage(1, LogLevel.Error, "A request for {Path} needs its session and the session store cannot be reached; answered 503: {Reason}")]
    public static partial void StoreUnavailable(this ILogger logger, string path, string reason);
}
