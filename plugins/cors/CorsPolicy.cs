namespace Modular.Plugins.Cors;

/// <summary>The parsed CORS list: which origins may call, with which methods.</summary>
internal sealed class CorsPolicy
{
    /// <summary>The methods 4D's CORS list accepts.</summary>
    public static IReadOnlyList<string> KnownMethods { get; } = ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH"];

    private readonly IReadOnlyList<(OriginPattern Origin, IReadOnlySet<string>? Methods)> rules;

    private CorsPolicy(IReadOnlyList<(OriginPattern, IReadOnlySet<string>?)> rules) => this.rules = rules;

    /// <summary>The policy of <paramref name="settings"/>; every invalid entry is reported (naming its position and host) and left out.</summary>
    public static CorsPolicy Parse(IReadOnlyList<CorsRule> settings, out List<string> problems)
    {
        problems = [];
        var rules = new List<(OriginPattern, IReadOnlySet<string>?)>();
        for (var i = 0; i < settings.Count; i++)
        {
            var entry = settings[i];
            var where = $"entry {i + 1} (host '{entry.host}')";
            var origin = OriginPattern.Parse(entry.host ?? "", out var problem);
            if (origin is null)
            {
                problems.Add($"{where}: {problem}");
            }
            var methods = ParseMethods(entry.methods, out var unknown);
            if (unknown.Count > 0)
            {
                problems.Add($"{where}: unknown method(s) {string.Join(", ", unknown.Select(m => $"'{m}'"))}; allowed: {string.Join(", ", KnownMethods)}, separated by ';'");
            }
            else if (origin is not null)
            {
                rules.Add((origin, methods));
            }
        }
        return new CorsPolicy(rules);
    }

    private static HashSet<string>? ParseMethods(string? text, out List<string> unknown)
    {
        unknown = [];
        var names = (text ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (names.Length == 0)
        {
            return null;
        }
        var methods = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            if (KnownMethods.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                methods.Add(name.ToUpperInvariant());
            }
            else
            {
                unknown.Add(name);
            }
        }
        return methods;
    }

    /// <summary>What the list says of <paramref name="origin"/> calling with <paramref name="method"/>.</summary>
    public CorsDecision Decide(RequestOrigin origin, string method)
    {
        var originAllowed = false;
        var methodAllowed = false;
        var credentials = false;
        var everyMethod = false;
        var methods = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (pattern, allowed) in rules)
        {
            if (!pattern.Matches(origin))
            {
                continue;
            }
            originAllowed = true;
            if (allowed is null || allowed.Contains(method))
            {
                methodAllowed = true;
                credentials |= pattern.AllowsCredentials;
            }
            if (allowed is null)
            {
                everyMethod = true;
            }
            else
            {
                methods.UnionWith(allowed);
            }
        }
        return new CorsDecision(originAllowed && methodAllowed, credentials, string.Join(", ", everyMethod ? KnownMethods : methods));
    }
}

