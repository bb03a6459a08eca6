using Microsoft.Extensions.Configuration;

namespace Modular.Host.Settings;

/// <summary>Reads <c>--Name value</c> and <c>--Name=value</c> pairs, the arguments no command claimed, into a configuration layer.</summary>
internal static class CommandLineSettings
{
    public static IConfiguration Parse(IReadOnlyList<string> arguments, List<string> problems)
    {
        // Given twice, the later value wins, as with ASP.NET's own command-line provider.
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (!argument.StartsWith("--", StringComparison.Ordinal) || argument.Length == 2)
            {
                problems.Add($"command line: unexpected argument '{argument}'; settings are given as --<Name> <value> or --<Name>=<value>.");
                continue;
            }

            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            if (equals > 2)
            {
                values[argument[2..equals]] = argument[(equals + 1)..];
            }
            else if (i + 1 < arguments.Count && !arguments[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                values[argument[2..]] = arguments[++i];
            }
            else
            {
                problems.Add($"command line: {argument} has no value; give it as {argument} <value> or {argument}=<value>.");
            }
        }
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
