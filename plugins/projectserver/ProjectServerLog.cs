using Microsoft.Extensions.Logging;

namespace Modular.Plugins.ProjectServer;

internal static partial class ProjectServerLog
{
    [LoggerMessage(1, LogLevel.Information, "Project {Project}: package {Version} built ({Files} files, {Size} bytes, {Milliseconds:F0} ms).")]
    public static partial void PackageBuilt(this ILogger logger, string project, string version, int files, long size, double milliseconds);

    [LoggerMessage(2, LogLevel.Warning, "The old package {Path} could not be removed: {Reason}.")]
    public static partial void PackageNotRemoved(this ILogger logger, string path, string reason);

    [LoggerMessage(3, LogLevel.Error, "Project {Project} could not be reloaded; its previous package is still served: {Reason}.")]
    public static partial void ReloadFailed(this ILogger logger, string project, string reason);

    [LoggerMessage(4, LogLevel.Information, "Publishing {Projects} on {Address} (TCP, and UDP discovery on the same port) for remote clients.")]
    public static partial void Publishing(this ILogger logger, string projects, string address);

    [LoggerMessage(5, LogLevel.Information, "Remote user {UserName} on {MachineName} ({Address}) connected to {Project} {Version}: session {Session}.")]
    public static partial void Connected(this ILogger logger, string userName, string machineName, string address, string project, string version, string session);

    [LoggerMessage(6, LogLevel.Information, "Session {Session} of {UserName} on {Project} ended: {Reason}.")]
    public static partial void Disconnected(this ILogger logger, string session, string userName, string project, string reason);

    [LoggerMessage(7, LogLevel.Error, "{Handler}.{Event} threw for session {Session}; the connection goes on: {Exception}")]
    public static partial void HandlerFailed(this ILogger logger, string handler, string @event, string session, string exception);

    [LoggerMessage(8, LogLevel.Warning, "Refused a remote client at {Address}: {Reason}.")]
    public static partial void ClientRefused(this ILogger logger, string address, string reason);

    [LoggerMessage(9, LogLevel.Warning, "Discovery: a datagram could not be received or answered: {Reason}.")]
    public static partial void DiscoveryReceiveFailed(this ILogger logger, string reason);
}
