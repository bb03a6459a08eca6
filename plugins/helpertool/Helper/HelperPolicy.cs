using System.Globalization;
using System.Net;
using System.Text.Json;
using Modular.Plugins.HelperTool.Protocol;

namespace Modular.Plugins.HelperTool.Helper;

/// <summary>Who may ask the helper for which sockets: the policy file (<c>/etc/modular/helper.json</c>), read again for every
/// request so that an edit applies at once and a broken edit refuses everything with its reason instead of stopping the helper.</summary>
/// <remarks>
/// <code>{ "users": ["www-data"], "groups": ["modular"], "ports": [80, 443, "8000-8080"], "addresses": ["*"] }</code>
/// A caller is allowed when its user is in users or one of its groups in groups; "*" in addresses allows every address.
/// </remarks>
internal sealed class HelperPolicy
{
    public const string DefaultPath = "/etc/modular/helper.json";

    private static readonly string[] Keys = ["users", "groups", "ports", "addresses"];

    private readonly string path;
    private readonly Dictionary<uint, string> users;
    private readonly Dictionary<uint, string> groups;
    private readonly List<(int From, int To)> ports;
    private readonly List<IPAddress>? addresses;

    private HelperPolicy(string path, Dictionary<uint, string> users, Dictionary<uint, string> groups, List<(int, int)> ports, List<IPAddress>? addresses)
    {
        this.path = path;
        this.users = users;
        this.groups = groups;
        this.ports = ports;
        this.addresses = addresses;
    }

    /// <summary>The policy in <paramref name="path"/>; a <see cref="PolicyException"/> naming the file, the key and what is allowed.</summary>
    public static HelperPolicy Load(string path)
    {
        JsonDocument document;
        try
        {
            using var stream = File.OpenRead(path);
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (FileNotFoundException)
        {
            throw new PolicyException($"{path}: no policy file, so nobody may ask; `modular helper install` writes one, or write {{\"users\": [\"…\"], \"ports\": [80, 443], \"addresses\": [\"*\"]}}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new PolicyException($"{path}: cannot be read as JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new PolicyException($"{path}: expected an object with the keys {string.Join(", ", Keys)}");
            }
            foreach (var property in root.EnumerateObject())
            {
                if (!Keys.Contains(property.Name))
                {
                    throw new PolicyException($"{path}: unknown key \"{property.Name}\"; the keys are {string.Join(", ", Keys)}");
                }
            }
            var users = Accounts(path, root, "users", UnixAccounts.UserId, "user");
            var groups = Accounts(path, root, "groups", UnixAccounts.GroupId, "group");
            if (users.Count == 0 && groups.Count == 0)
            {
                throw new PolicyException($"{path}: users and groups are both empty, so nobody may ask; name the user the server runs as");
            }
            return new HelperPolicy(path, users, groups, Ports(path, root), Addresses(path, root));
        }
    }

    /// <summary>Null when <paramref name="peer"/> may have a socket on <paramref name="address"/>:<paramref name="port"/>, else why not.</summary>
    public string? Refusal(PeerCredentials peer, IPAddress address, int port)
    {
        if (!users.ContainsKey(peer.UserId) && !UnixAccounts.Groups(peer.UserId, peer.GroupId).Any(groups.ContainsKey))
        {
            return $"user {UnixAccounts.UserName(peer.UserId)} (uid {peer.UserId}) is not allowed by {path} (users: {List(users.Values)}; groups: {List(groups.Values)})";
        }
        if (!ports.Any(range => port >= range.From && port <= range.To))
        {
            return $"port {port} is not allowed by {path} (ports: {List(ports.Select(range => range.From == range.To ? $"{range.From}" : $"{range.From}-{range.To}"))})";
        }
        if (addresses is not null && !addresses.Contains(address))
        {
            return $"address {address} is not allowed by {path} (addresses: {List(addresses.Select(allowed => allowed.ToString()))})";
        }
        return null;
    }

    private static string List(IEnumerable<string> items) => string.Join(", ", items) is { Length: > 0 } list ? list : "none";

    private static Dictionary<uint, string> Accounts(string path, JsonElement root, string key, Func<string, uint?> resolve, string kind)
    {
        var found = new Dictionary<uint, string>();
        var index = 0;
        foreach (var item in Array(path, root, key))
        {
            var name = item.ValueKind switch
            {
                JsonValueKind.String => item.GetString()!,
                JsonValueKind.Number when item.TryGetUInt32(out var id) => id.ToString(CultureInfo.InvariantCulture),
                _ => throw new PolicyException($"{path}: {key}[{index}] = {item.GetRawText()}: expected a {kind} name or number"),
            };
            found[resolve(name) ?? throw new PolicyException($"{path}: {key}[{index}] = \"{name}\": no such {kind} on this system")] = name;
            index++;
        }
        return found;
    }

    private static List<(int, int)> Ports(string path, JsonElement root)
    {
        var ports = new List<(int, int)>();
        var index = 0;
        foreach (var item in Array(path, root, "ports"))
        {
            var range = item.ValueKind switch
            {
                JsonValueKind.Number when item.TryGetInt32(out var port) && IsPort(port) => (port, port),
                JsonValueKind.String when item.GetString()!.Split('-') is [var from, var to]
                    && int.TryParse(from, NumberStyles.None, CultureInfo.InvariantCulture, out var low) && IsPort(low)
                    && int.TryParse(to, NumberStyles.None, CultureInfo.InvariantCulture, out var high) && IsPort(high) && low <= high => (low, high),
                _ => throw new PolicyException($"{path}: ports[{index}] = {item.GetRawText()}: expected a port number from 1 to 65535 or a range \"from-to\""),
            };
            ports.Add(range);
            index++;
        }
        return ports.Count > 0 ? ports : throw new PolicyException($"{path}: ports is missing or empty, so no port may be asked for; for example \"ports\": [80, 443]");
    }

    private static List<IPAddress>? Addresses(string path, JsonElement root)
    {
        var addresses = new List<IPAddress>();
        var index = 0;
        foreach (var item in Array(path, root, "addresses"))
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText();
            if (text == "*")
            {
                return null;
            }
            addresses.Add(IPAddress.TryParse(text, out var address) ? address
                : throw new PolicyException($"{path}: addresses[{index}] = {item.GetRawText()}: expected an IPv4 or IPv6 address, \"::\" or \"0.0.0.0\" for every address, or \"*\" for any"));
            index++;
        }
        return addresses.Count > 0 ? addresses : throw new PolicyException($"{path}: addresses is missing or empty, so no address may be asked for; for example \"addresses\": [\"*\"]");
    }

    private static JsonElement[] Array(string path, JsonElement root, string key) =>
        !root.TryGetProperty(key, out var value) ? []
        : value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()]
        : throw new PolicyException($"{path}: {key} must be an array");

    private static bool IsPort(int port) => port is >= 1 and <= 65535;
}

/// <summary>The policy file is missing or wrong; the message names the file, the key and what is allowed.</summary>
internal sealed class PolicyException(string message) : Exception(message);
