namespace Modular.Abstractions;

/// <summary>A settings class whose rules involve settings of another owner (contract 1.1).</summary>
/// <remarks>Checked after every class has been bound and validated on its own, at start and on every change.</remarks>
public interface IDependentSettings
{
    /// <summary>Every rule broken together with <paramref name="settings"/>; name both keys in the message.</summary>
    IEnumerable<SettingProblem> Validate(ISettingsView settings);
}
