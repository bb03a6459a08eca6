namespace Modular.Abstractions;

/// <summary>Implemented by a plugin's entry class (beside <see cref="IModularPlugin"/>) to add verbs to the <c>modular</c>
/// command line (contract 1.4): <c>modular &lt;verb&gt; …</c> runs the plugin's code, loaded like the rest.</summary>
/// <remarks>The host looks for verbs only when the first word of a command line is none of its own commands, loading the
/// plugins the settings select (file and environment); a plugin's verbs need no running server.</remarks>
public interface ICommandLineVerbs
{
    IReadOnlyList<CommandLineVerb> Verbs { get; }
}
