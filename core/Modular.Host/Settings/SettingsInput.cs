using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace Modular.Host.Settings;

/// <summary>The raw settings of one start: the settings file, the environment and the command line, lowest first.</summary>
internal sealed class SettingsInput
{
    /// <summary>The prefix of environment variables that carry settings (<c>MODULAR_HTTPPort</c>).</summary>
    public const string EnvironmentPrefix = "MODULAR_";

    /// <summary>The settings file read when <c>--settings</c> is not given, in the working directory.</summary>
    public const string DefaultFileName = "modular.json";

    private SettingsInput(string filePath, bool fileExists, IReadOnlyList<SettingsSource> sources, IReadOnlyList<string> problems)
    {
        FilePath = filePath;
        FileExists = fileExists;
        Sources = sources;
        Problems = problems;
    }

    /// <summary>The settings file's full path, whether or not it exists.</summary>
    public string FilePath { get; }

    public bool FileExists { get; }

    /// <summary>The folder relative paths in settings are resolved against: the settings file's folder.</summary>
    public string BaseDirectory => Path.GetDirectoryName(FilePath)!;

    public IReadOnlyList<SettingsSource> Sources { get; }

    /// <summary>Errors met while reading the layers (a malformed file or argument).</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>The value of <paramref name="key"/> in the highest layer that has it, or null when only the default applies.</summary>
    public (SettingsSource Source, IConfigurationSection Section)? Find(string key)
    {
        for (var i = Sources.Count - 1; i >= 0; i--)
        {
            var section = Sources[i].Values.GetSection(key);
            if (section.Exists())
            {
                return (Sources[i], section);
            }
        }
        return null;
    }

    /// <summary>These layers with <paramref name="runtime"/> (the values changed while running) on top of them.</summary>
    public SettingsInput WithRuntime(JsonObject runtime)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(runtime.ToJsonString()));
        var values = new ConfigurationBuilder().AddJsonStream(stream).Build();
        var sources = Sources.Where(source => source.Layer != SettingLayer.Runtime)
            .Append(new SettingsSource(SettingLayer.Runtime, values, _ => "set through the admin API"))
            .ToList();
        return new SettingsInput(FilePath, FileExists, sources, Problems);
    }

    /// <summary>Reads the three layers; <paramref name="settingsPath"/> null means <c>modular.json</c> in <paramref name="workingDirectory"/>, if present.</summary>
    public static SettingsInput Read(
        string? settingsPath,
        IReadOnlyList<string> commandLine,
        IEnumerable<KeyValuePair<string, string?>> environment,
        string workingDirectory)
    {
        var problems = new List<string>();
        var sources = new List<SettingsSource>();
        var filePath = Path.GetFullPath(settingsPath ?? DefaultFileName, workingDirectory);
        var fileExists = File.Exists(filePath);
        if (fileExists)
        {
            var file = SettingsFileReader.Read(filePath, problems);
            if (file is not null)
            {
                sources.Add(new SettingsSource(SettingLayer.File, file, _ => $"from {filePath}"));
            }
        }
        else if (settingsPath is not null)
        {
            problems.Add($"--settings: the settings file '{filePath}' does not exist.");
        }

        sources.Add(new SettingsSource(SettingLayer.Environment, ReadEnvironment(environment),
            key => $"from environment variable {EnvironmentPrefix}{key.Replace(":", "__", StringComparison.Ordinal)}"));
        sources.Add(new SettingsSource(SettingLayer.CommandLine, CommandLineSettings.Parse(commandLine, problems),
            key => $"from command line --{key}"));
        return new SettingsInput(filePath, fileExists, sources, problems);
    }

    private static IConfiguration ReadEnvironment(IEnumerable<KeyValuePair<string, string?>> environment)
    {
        // Nested values use "__" like ASP.NET's own environment provider (MODULAR_CORSSettings__0__host).
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in environment)
        {
            if (name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase) && name.Length > EnvironmentPrefix.Length)
            {
                values[name[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal)] = value;
            }
        }
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
