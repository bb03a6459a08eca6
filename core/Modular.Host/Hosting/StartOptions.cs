namespace Modular.Host.Hosting;

/// <summary>What one start of the server reads its settings from.</summary>
public sealed record StartOptions
{
    /// <summary>The <c>--settings</c> file, or null for <c>modular.json</c> in <see cref="WorkingDirectory"/> if present.</summary>
    public string? SettingsFile { get; init; }

    /// <summary>The <c>--Name value</c> arguments no command claimed.</summary>
    public IReadOnlyList<string> SettingArguments { get; init; } = [];

    /// <summary>The environment to read <c>MODULAR_*</c> variables from.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Environment { get; init; } = ProcessEnvironment();

    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>The clock of everything that expires (sessions, idle work), given to plugins as <see cref="TimeProvider"/>; an embedder or a test may bring its own.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    private static IEnumerable<KeyValuePair<string, string?>> ProcessEnvironment() =>
        System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(entry => KeyValuePair.Create((string)entry.Key, (string?)entry.Value));
}
