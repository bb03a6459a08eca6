namespace Modular.Plugins.HelperTool.Install;

/// <summary>The words after <c>modular helper</c>: the action, then <c>--name value</c> options, each taken once.</summary>
internal sealed class HelperArguments
{
    private readonly List<string> words;

    public HelperArguments(IReadOnlyList<string> words)
    {
        this.words = [.. words];
        Action = this.words.Count > 0 && !this.words[0].StartsWith("--", StringComparison.Ordinal) ? Take(0) : null;
    }

    public string? Action { get; }

    public string? Option(string name)
    {
        var at = words.IndexOf(name);
        if (at < 0)
        {
            return null;
        }
        if (at + 1 >= words.Count || words[at + 1].StartsWith("--", StringComparison.Ordinal))
        {
            throw new HelperUsageException($"{name} needs a value");
        }
        Take(at);
        return Take(at);
    }

    /// <summary>A comma-separated option, as every list on the modular command line is.</summary>
    public IReadOnlyList<string> List(string name, string defaults) =>
        (Option(name) ?? defaults).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Refuses any word left over.</summary>
    public void End()
    {
        if (words.Count > 0)
        {
            throw new HelperUsageException($"unexpected '{words[0]}'");
        }
    }

    private string Take(int at)
    {
        var word = words[at];
        words.RemoveAt(at);
        return word;
    }
}

/// <summary>The command line is wrong; the message says which word.</summary>
internal sealed class HelperUsageException(string message) : Exception(message);
