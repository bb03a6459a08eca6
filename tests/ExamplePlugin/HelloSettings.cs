using Modular.Abstractions;

namespace Hello;

/// <summary>The plugin's settings: property names are the keys (modular.json, MODULAR_*, --Name), initial values the defaults.</summary>
public sealed class HelloSettings : IValidatableSettings
{
    [Setting("Path the hello plugin answers on.")]
    public string helloPath { get; init; } = "/hello";

    [Setting("Text the hello plugin answers with.")]
    public string helloGreeting { get; init; } = "Hello from a Modular plugin";

    [Setting("How many times the greeting is repeated.", Minimum = 1, Maximum = 10)]
    public int helloRepeat { get; init; } = 1;

    public IEnumerable<SettingProblem> Validate()
    {
        if (!helloPath.StartsWith('/'))
        {
            yield return new(nameof(helloPath), "must start with '/'");
        }
    }
}
