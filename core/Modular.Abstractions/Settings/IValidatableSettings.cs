namespace Modular.Abstractions;

/// <summary>A settings class with rules beyond the type, range and allowed values of its attributes.</summary>
public interface IValidatableSettings
{
    /// <summary>Every rule the values break; the host adds the layer and the value to each message.</summary>
    IEnumerable<SettingProblem> Validate();
}
