using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Abstractions;
using Modular.Plugins.HelperTool.Settings;

namespace Modular.Plugins.HelperTool.Listening;

/// <summary>Gives the web server the ports below 1024 it may not bind itself, through the privileged helper, at every bind and rebind.</summary>
/// <remarks>With no helper installed it steps aside: the core's own bind then fails with the error that names the ways out.</remarks>
internal sealed class HelperListenSocketProvider(IOptionsMonitor<HelperToolOptions> settings, ILogger<HelperListenSocketProvider> logger) : IListenSocketProvider
{
    public Socket? TryProvide(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if ((!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) || BindPrivilege.CanBind(endpoint.Port))
        {
            return null;
        }
        var helperSocket = settings.CurrentValue.helperSocket;
        if (!File.Exists(helperSocket))
        {
            logger.NoHelper(endpoint.Port, helperSocket);
            return null;
        }
        var socket = HelperClient.RequestListenSocket(helperSocket, endpoint);
        logger.SocketFromHelper(endpoint, helperSocket);
        return socket;
    }
}
