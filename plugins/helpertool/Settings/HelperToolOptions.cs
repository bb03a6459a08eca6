using Modular.Abstractions;
using Modular.Plugins.HelperTool.Protocol;

namespace Modular.Plugins.HelperTool.Settings;

/// <summary>Where the privileged helper listens (spec/webServerConfig.md, macOS HelperTool; spec/NOTES.md, Privileged ports).</summary>
public sealed class HelperToolOptions : IValidatableSettings
{
    [Setting("The privileged helper's Unix socket, asked for ports below 1024 this process may not bind itself (4D: HelperTool). Read at each bind.",
        Accepts = "an absolute path", AppliesAt = SettingScope.Listeners)]
    public string helperSocket { get; init; } = HelperSocketPath.Default;

    public IEnumerable<SettingProblem> Validate()
    {
        if (!Path.IsPathFullyQualified(helperSocket))
        {
            yield return new(nameof(helperSocket), $"'{helperSocket}' is not an absolute path; the helper listens on {HelperSocketPath.Default} unless told otherwise");
        }
    }
}
