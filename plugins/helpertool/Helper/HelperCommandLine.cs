using Modular.Plugins.HelperTool.Protocol;

namespace Modular.Plugins.HelperTool.Helper;

/// <summary>modular-helper's options: <c>[--socket PATH] [--group NAME] [--policy FILE] [--check]</c>.</summary>
internal sealed record HelperCommandLine(string SocketPath, string? Group, string PolicyPath, bool CheckOnly)
{
    public const string Usage = "usage: modular-helper [--socket PATH] [--group NAME] [--policy FILE] [--check]\n" +
        "  --socket  the Unix socket to listen on (default " + HelperSocketPath.Linux + ", macOS " + HelperSocketPath.MacOS + "),\n" +
        "            unless systemd hands it over (socket activation)\n" +
        "  --group   the group whose members may connect to the socket (mode 0660); needed unless systemd hands the socket over\n" +
        "  --policy  who may ask for which ports and addresses (default " + HelperPolicy.DefaultPath + ")\n" +
        "  --check   read the policy, print what it allows and exit";

    /// <summary>The options, or null with <paramref name="problem"/> naming the word that is wrong.</summary>
    public static HelperCommandLine? Parse(IReadOnlyList<string> words, out string? problem)
    {
        var options = new HelperCommandLine(HelperSocketPath.Default, null, HelperPolicy.DefaultPath, false);
        problem = null;
        for (var i = 0; i < words.Count; i++)
        {
            string Value() => i + 1 < words.Count ? words[++i] : "";
            options = words[i] switch
            {
                "--socket" => options with { SocketPath = Value() },
                "--group" => options with { Group = Value() },
                "--policy" => options with { PolicyPath = Value() },
                "--check" => options with { CheckOnly = true },
                var other => null!,
            };
            if (options is null)
            {
                problem = $"unknown option '{words[i]}'";
                return null;
            }
            if (options.SocketPath.Length == 0 || options.PolicyPath.Length == 0 || options.Group is { Length: 0 })
            {
                problem = $"{words[i - 1]} needs a value";
                return null;
            }
        }
        return options;
    }
}
