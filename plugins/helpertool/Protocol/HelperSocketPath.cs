namespace Modular.Plugins.HelperTool.Protocol;

/// <summary>Where the helper listens unless told otherwise (spec/NOTES.md, Privileged ports).</summary>
public static class HelperSocketPath
{
    public const string Linux = "/run/modular-helper.sock";

    /// <summary>macOS keeps launchd daemons' sockets in /var/run, named after the daemon's label.</summary>
    public const string MacOS = "/var/run/com.modular.helper.sock";

    public static string Default => OperatingSystem.IsMacOS() ? MacOS : Linux;
}
