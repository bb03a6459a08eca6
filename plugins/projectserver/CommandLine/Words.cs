using System.Globalization;

namespace Modular.Plugins.ProjectServer.CommandLine;

/// <summary>The words of a command line, taken as the verb asks for them; anything left over or malformed is a <see cref="UsageException"/>.</summary>
internal sealed class Words(IReadOnlyList<string> words)
{
    private readonly List<string> left = [.. words];

    /// <summary>The next word that is not an option, or null.</summary>
    public string? Next()
    {
        var at = left.FindIndex(word => !word.StartsWith("--", StringComparison.Ordinal));
        if (at < 0)
        {
            return null;
        }
        var word = left[at];
        left.RemoveAt(at);
        return word;
    }

    public string Required(string what) => Next() ?? throw new UsageException($"{what} is missing");

    /// <summary>The value of <paramref name="name"/>, or null when it is not given.</summary>
    public string? Option(string name) => All(name) is { Count: > 0 } values ? values[^1] : null;

    /// <summary>Every value given to <paramref name="name"/> (it may be repeated).</summary>
    public IReadOnlyList<string> All(string name)
    {
        var values = new List<string>();
        for (var at = left.IndexOf(name); at >= 0; at = left.IndexOf(name))
        {
            if (at + 1 >= left.Count)
            {
                throw new UsageException($"{name} needs a value");
            }
            values.Add(left[at + 1]);
            left.RemoveRange(at, 2);
        }
        return values;
    }

    public int Number(string name, int fallback, int minimum, int maximum)
    {
        if (Option(name) is not { } text)
        {
            return fallback;
        }
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= minimum && number <= maximum
            ? number
            : throw new UsageException($"{name} '{text}' is not a whole number from {minimum} to {maximum}");
    }

    /// <summary>Nothing may be left: an unknown option or an extra word is an error, never ignored.</summary>
    public void End()
    {
        if (left.Count > 0)
        {
            throw new UsageException($"'{string.Join(' ', left)}' is not understood here");
        }
    }
}

/// <summary>A command line the verb cannot run as written.</summary>
internal sealed class UsageException(string message) : Exception(message);
