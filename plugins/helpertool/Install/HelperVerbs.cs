using System.Diagnostics;
using Modular.Abstractions;
using Modular.Plugins.HelperTool.Protocol;

namespace Modular.Plugins.HelperTool.Install;

/// <summary><c>modular helper install|uninstall|status</c>: puts the privileged helper in place once, with root's consent (sudo on
/// Linux, an administrator's password on macOS, as 4D asks for its HelperTool), takes it away, or says how it is.</summary>
internal static class HelperVerbs
{
    private const string Usage = """
        usage: modular helper install [--user NAME] [--group NAME] [--ports 80,443] [--addresses *] [--root DIR] [--platform linux|macos]
               modular helper uninstall [--root DIR] [--platform linux|macos]
               modular helper status [--root DIR] [--platform linux|macos]
          --user       the user modular runs as, allowed by the policy written at install (default: the one who ran sudo)
          --group      the group that may connect to the helper's socket (default: that user's primary group)
          --ports      ports and ranges (from-to) the policy allows (default 80,443)
          --addresses  addresses the policy allows, * for any (default *)
          --root       write the files under DIR instead of / (packaging), without telling the service manager
          --platform   whose files to write under --root (default: this system's)
        """;

    public static CommandLineVerb Verb { get; } = new("helper",
        "Install, remove or check the privileged helper that binds ports below 1024 for an unprivileged modular.", RunAsync);

    private static Task<int> RunAsync(ICommandLineCall call, CancellationToken cancellationToken)
    {
        try
        {
            if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
            {
                throw new HelperUsageException("the helper exists for Linux and macOS only");
            }
            var words = new HelperArguments(call.Arguments);
            var action = words.Action;
            var root = words.Option("--root") ?? "/";
            var platform = words.Option("--platform");
            if (platform is not null && root == "/")
            {
                throw new HelperUsageException("--platform needs --root: only this system's files can be installed on it");
            }
            var layout = new HelperLayout(platform switch
            {
                null => OperatingSystem.IsMacOS(),
                "macos" => true,
                "linux" => false,
                _ => throw new HelperUsageException($"--platform {platform}: expected linux or macos"),
            }, root == "/" ? root : Path.GetFullPath(root));
            var installer = new HelperInstaller(layout, call.Output);
            switch (action)
            {
                case "install":
                    var user = words.Option("--user") ?? (Environment.GetEnvironmentVariable("SUDO_USER") is { Length: > 0 } sudoUser ? sudoUser : null)
                        ?? throw new HelperUsageException("name the user modular runs as: --user NAME");
                    // A numeric user needs no account (containers run uids that have none), but then its group must be named.
                    var group = words.Option("--group") ?? UnixAccounts.GroupName(UnixAccounts.PrimaryGroupId(user)
                        ?? throw new HelperUsageException($"--user {user}: no such user on this system; name an existing user, or a number with --group"));
                    var policy = HelperInstaller.Policy(user, words.List("--ports", "80,443"), words.List("--addresses", "*"));
                    words.End();
                    if (NeedsRoot(layout, call, out var elevated))
                    {
                        return Task.FromResult(elevated);
                    }
                    installer.Install(Path.Join(Path.GetDirectoryName(typeof(HelperVerbs).Assembly.Location), "helper"), group, policy);
                    return Task.FromResult(0);
                case "uninstall":
                    words.End();
                    if (NeedsRoot(layout, call, out elevated))
                    {
                        return Task.FromResult(elevated);
                    }
                    installer.Uninstall();
                    return Task.FromResult(0);
                case "status":
                    words.End();
                    return Task.FromResult(installer.Status(layout.SocketPath) ? 0 : 1);
                default:
                    throw new HelperUsageException(action is null ? "say what to do" : $"'{action}' is not a helper command");
            }
        }
        catch (HelperUsageException e)
        {
            call.Errors.WriteLine($"modular helper: {e.Message}\n{Usage}");
            return Task.FromResult(2);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            call.Errors.WriteLine($"modular helper: {e.Message}");
            return Task.FromResult(1);
        }
    }

    /// <summary>True when the real root is to be changed by someone else than root: on macOS the same command runs again with an
    /// administrator's password (<paramref name="exitCode"/> is its own); on Linux the user is told to use sudo.</summary>
    private static bool NeedsRoot(HelperLayout layout, ICommandLineCall call, out int exitCode)
    {
        exitCode = 0;
        if (layout.Root != "/" || UnixAccounts.EffectiveUserId == 0)
        {
            return false;
        }
        if (!OperatingSystem.IsMacOS())
        {
            call.Errors.WriteLine($"modular helper: installing the helper needs root: sudo modular helper {string.Join(' ', call.Arguments)}");
            exitCode = 1;
            return true;
        }
        var command = string.Join(' ', CurrentCommand().Concat(["helper", .. call.Arguments]).Select(Quote));
        var script = $"do shell script \"cd {Quote(Environment.CurrentDirectory).Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)} && "
            + $"{command.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\" with administrator privileges";
        using var process = Process.Start(new ProcessStartInfo("osascript", ["-e", script]))!;
        process.WaitForExit();
        exitCode = process.ExitCode;
        return true;
    }

    /// <summary>How this command was started: the apphost, or dotnet and the host's assembly.</summary>
    private static IEnumerable<string> CurrentCommand()
    {
        var process = Environment.ProcessPath ?? "modular";
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? [process, Environment.GetCommandLineArgs()[0]] : [process];
    }

    /// <summary>One word for sh: single-quoted, with its own single quotes closed, escaped and reopened.</summary>
    private static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
