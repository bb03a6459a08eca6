using Modular.Plugins.HelperTool.Protocol;

namespace Modular.Plugins.HelperTool.Install;

/// <summary>Where an installed helper lives on Linux (systemd) or macOS (launchd), optionally under a staging
/// <paramref name="Root"/> (packaging, tests): the files' paths include it, the paths written inside them do not.</summary>
internal sealed record HelperLayout(bool MacOS, string Root)
{
    public const string Label = "com.modular.helper";
    public const string SystemdName = "modular-helper";

    /// <summary>The helper's program folder, root-owned so that the unprivileged server cannot change what root runs. On macOS a
    /// folder named after the label under PrivilegedHelperTools, where 4D's com.4D.Helper lives, since a .NET program is several files.</summary>
    public string ProgramFolder => MacOS ? "/Library/PrivilegedHelperTools/" + Label : "/usr/local/lib/" + SystemdName;

    public string Program => ProgramFolder + "/modular-helper";

    public const string PolicyFile = "/etc/modular/helper.json";

    public string SocketPath => MacOS ? HelperSocketPath.MacOS : HelperSocketPath.Linux;

    /// <summary>The service manager's files: a socket and a service unit, or a launchd plist.</summary>
    public IReadOnlyList<string> ServiceFiles => MacOS
        ? ["/Library/LaunchDaemons/" + Label + ".plist"]
        : ["/etc/systemd/system/" + SystemdName + ".socket", "/etc/systemd/system/" + SystemdName + ".service"];

    /// <summary>Where <paramref name="path"/> is written: under <see cref="Root"/>.</summary>
    public string OnDisk(string path) => Root == "/" ? path : Path.Join(Root, path);
}
