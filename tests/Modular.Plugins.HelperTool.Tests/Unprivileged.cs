using System.Diagnostics;
using Modular.Testing;

namespace Modular.Plugins.HelperTool.Tests;

/// <summary>Runs <c>modular</c> as a user without privilege (nobody, by default), with no capability at all, as the tests of a
/// server that must never run as root do.</summary>
/// <remarks>In a network namespace of its own where ports below 1024 are privileged, whatever the machine's own setting (Docker
/// sets it to 0 in containers): the server cannot bind them itself there, and what the helper binds, in the tests' namespace,
/// is what the tests reach.</remarks>
internal static class Unprivileged
{
    public const int Nobody = 65534;

    /// <summary>A user with no account and no group in common with the helper's socket.</summary>
    public const int Stranger = 65533;

    /// <summary>modular with <paramref name="arguments"/> as <paramref name="user"/>:<paramref name="group"/>, no supplementary group,
    /// no capability even from file capabilities, in <paramref name="folder"/>.</summary>
    public static ProcessStartInfo StartInfo(TempFolder folder, IEnumerable<string> arguments, int user = Nobody, int group = Nobody) =>
        ModularProcess.StartInfo(Open(folder), arguments, Wrapper(user, group), Environment(folder));

    /// <summary>The same, run to its end.</summary>
    public static Task<ModularProcess.Result> RunAsync(TempFolder folder, IEnumerable<string> arguments, int user = Nobody, int group = Nobody,
        IReadOnlyDictionary<string, string>? more = null) =>
        ModularProcess.RunAsync(Open(folder), arguments, Wrapper(user, group), new Dictionary<string, string>([.. Environment(folder), .. more ?? new Dictionary<string, string>()]));

    private static string[] Wrapper(int user, int group) =>
        ["unshare", "--net", "--", "sh", "-c",
            "sysctl -qw net.ipv4.ip_unprivileged_port_start=1024 && ip link set lo up && " +
            $"exec setpriv --reuid={user} --regid={group} --clear-groups --inh-caps=-all --bounding-set=-all \"$@\"", "sh"];

    /// <summary>Runs <c>modular</c> (as root) inside the network namespace of the server whose process is <paramref name="serverProcess"/>:
    /// the command line reaching its admin API.</summary>
    public static Task<ModularProcess.Result> BesideAsync(int serverProcess, TempFolder folder, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment) =>
        ModularProcess.RunAsync(folder.Path, arguments, ["nsenter", $"--net=/proc/{serverProcess}/ns/net"], environment);

    private static Dictionary<string, string> Environment(TempFolder folder) => new() { ["HOME"] = folder.Path };

    /// <summary>The folder is root's and 0755: the server writes nothing there, but it is its home.</summary>
    private static string Open(TempFolder folder)
    {
        File.SetUnixFileMode(folder.Path, (UnixFileMode)0b111_111_111);
        return folder.Path;
    }
}
