namespace Modular.Plugins.ProjectServer.Client;

/// <summary>Where a remote client keeps its packages and its recent connections.</summary>
/// <param name="Cache">Unpacked packages, one read-only folder per server, project and version.</param>
/// <param name="Recent">The <c>.4DLink</c> files of the connections made (4D's Recent tab).</param>
public sealed record RemoteFolders(string Cache, string Recent)
{
    /// <summary>Under the user's local data folder (<c>$XDG_DATA_HOME</c> or <c>~/.local/share</c> on Linux,
    /// <c>~/Library/Application Support</c> on macOS): <c>modular/remote</c> and <c>modular/recent</c>.</summary>
    public static RemoteFolders ForCurrentUser()
    {
        var root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "modular");
        return new RemoteFolders(Path.Combine(root, "remote"), Path.Combine(root, "recent"));
    }
}
