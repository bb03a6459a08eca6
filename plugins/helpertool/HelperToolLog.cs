using System.Net;
using Microsoft.Extensions.Logging;

namespace Modular.Plugins.HelperTool;

internal static partial class HelperToolLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Port {Port} needs privilege and no helper listens at {HelperSocket}: install it with `sudo modular helper install`")]
    public static partial void NoHelper(this ILogger logger, int port, string helperSocket);

    [LoggerMessage(Level = LogLevel.Information, Message = "Listening on {Endpoint} through the helper at {HelperSocket}")]
    public static partial void SocketFromHelper(this ILogger logger, IPEndPoint endpoint, string helperSocket);
}
