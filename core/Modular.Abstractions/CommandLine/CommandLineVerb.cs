namespace Modular.Abstractions;

/// <summary>One verb of the <c>modular</c> command line offered by a plugin (contract 1.4).</summary>
/// <param name="Name">The word after <c>modular</c>: lowercase letters and '-', unlike the host's own commands.</param>
/// <param name="Description">One line for <c>modular --help</c>.</param>
/// <param name="RunAsync">Runs the verb with the words that follow it; returns the process's exit code (0 success, 1 failure,
/// 2 wrong usage or settings, as the host's commands do).</param>
public sealed record CommandLineVerb(string Name, string Description, Func<ICommandLineCall, CancellationToken, Task<int>> RunAsync);
