using System.Security.Cryptography;
using Modular.Abstractions;
using Modular.Plugins.ProjectServer.Packages;

namespace Modular.Plugins.ProjectServer.Sessions;

/// <summary>One open connection of a remote client to a published project, holding the package version it connected with.</summary>
internal sealed class RemoteUserSession(PublishedProject project, ProjectPackage package, string userName, string machineName, string address, DateTimeOffset created)
    : IRemoteUserSession
{
    private string state = "active";

    public string Id { get; } = RandomNumberGenerator.GetHexString(32, lowercase: true);

    public string Project => project.Name;

    public string Version => package.Version;

    public RemoteUserInfo Info => new(userName, machineName, address, created, Volatile.Read(ref state));

    public ISessionStorage Storage { get; } = new MemorySessionStorage();

    public PublishedProject PublishedProject => project;

    public ProjectPackage Package => package;

    /// <summary>Marks the session closed and lets go of its package version; false when it was closed already.</summary>
    public bool Close()
    {
        if (Interlocked.Exchange(ref state, "closed") == "closed")
        {
            return false;
        }
        project.Release(package.Version);
        return true;
    }
}
