using System.Net;

namespace Modular.Plugins.ProjectServer.Access;

/// <summary>The Allow-Deny table applied to a remote client's address: the first row that matches decides, none matching denies.</summary>
/// <remarks>
/// '*' means "starts with", as in 4D's table: <c>192.168.*</c> admits 192.168.0.1 and 192.168.200.7. An IPv4 client reached
/// over an IPv6 socket (::ffff:a.b.c.d) is compared in its IPv4 form, so one row covers both listeners. The table governs
/// the clients of published projects only, never the web server's visitors.
/// </remarks>
internal sealed class ClientAccess
{
    private readonly (bool Allow, string Prefix, bool Exact)[] rows;

    private ClientAccess((bool, string, bool)[] rows) => this.rows = rows;

    /// <summary>The table's rows, or the problems that make it unusable (each naming its row).</summary>
    public static ClientAccess Parse(IReadOnlyList<ClientRule> table, out List<string> problems)
    {
        problems = [];
        var parsed = new List<(bool, string, bool)>();
        for (var index = 0; index < table.Count; index++)
        {
            var row = table[index];
            var allow = row.access?.ToLowerInvariant() switch
            {
                "allow" => true,
                "deny" => false,
                _ => (bool?)null,
            };
            if (allow is null)
            {
                problems.Add($"row {index + 1}: access '{row.access}' is neither allow nor deny");
                continue;
            }
            var pattern = (row.pattern ?? "").Trim();
            var star = pattern.IndexOf('*', StringComparison.Ordinal);
            if (pattern.Length == 0 || (star >= 0 && star != pattern.Length - 1))
            {
                problems.Add($"row {index + 1}: pattern '{row.pattern}' is not an address or the start of one followed by '*' (192.168.*, 2001:db8:*, *)");
                continue;
            }
            var exact = star < 0;
            if (exact && !IPAddress.TryParse(pattern, out _))
            {
                problems.Add($"row {index + 1}: pattern '{row.pattern}' is not an IPv4 or IPv6 address; end it with '*' to match addresses that start with it");
                continue;
            }
            parsed.Add((allow.Value, exact ? Canonical(IPAddress.Parse(pattern)) : pattern[..^1].ToLowerInvariant(), exact));
        }
        return new ClientAccess([.. parsed]);
    }

    /// <summary>Whether <paramref name="client"/> may use the published projects; <paramref name="reason"/> names the deciding row.</summary>
    public bool Admits(IPAddress client, out string reason)
    {
        var address = Canonical(client);
        for (var index = 0; index < rows.Length; index++)
        {
            var (allow, prefix, exact) = rows[index];
            if (exact ? address == prefix : address.StartsWith(prefix, StringComparison.Ordinal))
            {
                reason = $"clientAllowDeny row {index + 1} ({(allow ? "allow" : "deny")} {(exact ? prefix : prefix + "*")}) {(allow ? "allows" : "denies")} {address}";
                return allow;
            }
        }
        reason = $"no clientAllowDeny row matches {address}";
        return false;
    }

    /// <summary>A client's address as rules match it and messages show it: an IPv4 client over an IPv6 socket in its IPv4 form.</summary>
    public static string Canonical(IPAddress address) =>
        (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString().ToLowerInvariant();
}
