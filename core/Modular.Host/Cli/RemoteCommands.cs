using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Modular.Host.Cli;

/// <summary><c>modular settings get|set</c> and <c>modular server stop|start|status</c>: calls to a running server's admin API.</summary>
internal static class RemoteCommands
{
    private static readonly Option<bool> Persist = new("--persist") { Description = "Also write the change into the settings file." };

    public static Command Get()
    {
        var name = new Argument<string>("name") { Description = "The setting's name (HTTPCompressionLevel)." };
        var get = new Command("get", "Show a setting of the running server: value, origin and when a change applies.") { TreatUnmatchedTokensAsErrors = false };
        get.Arguments.Add(name);
        get.SetAction((parse, cancellationToken) => CallAsync(parse, HttpMethod.Get, $"settings/{Uri.EscapeDataString(parse.GetValue(name)!)}", null, body =>
            Console.Out.WriteLine($"{body["name"]} = {Show(body["value"])}   ({body["origin"]}; a change applies at {body["appliesAt"]})"), cancellationToken));
        return get;
    }

    public static Command Set()
    {
        var name = new Argument<string>("name") { Description = "The setting's name." };
        var value = new Argument<string>("value") { Description = "The new value: JSON (5, true, [\"a\"], {...}) or plain text." };
        var set = new Command("set", "Change a setting of the running server (validated first; refused whole when wrong).") { TreatUnmatchedTokensAsErrors = false };
        set.Arguments.Add(name);
        set.Arguments.Add(value);
        set.Options.Add(Persist);
        set.SetAction((parse, cancellationToken) =>
        {
            var change = new JsonObject { [parse.GetValue(name)!] = ParseValue(parse.GetValue(value)!) };
            var path = parse.GetValue(Persist) ? "settings?persist=true" : "settings";
            return CallAsync(parse, HttpMethod.Patch, path, change, body =>
                Console.Out.WriteLine($"applied{((bool?)body["persisted"] == true ? " and saved" : "")}: {string.Join(", ", ((JsonArray)body["applied"]!).Select(key => (string?)key))}"), cancellationToken);
        });
        return set;
    }

    public static Command Server()
    {
        var server = new Command("server", "Stop, start or show the web server of a running process (4D's WEB STOP SERVER / WEB START SERVER).");
        (string Verb, string Done, string Description)[] verbs =
        [
            ("stop", "stopped", "Stop the web server, letting requests in flight finish; the process keeps running."),
            ("start", "started", "Start the web server again from the running settings."),
        ];
        foreach (var (verb, done, description) in verbs)
        {
            var command = new Command(verb, description) { TreatUnmatchedTokensAsErrors = false };
            command.SetAction((parse, cancellationToken) => CallAsync(parse, HttpMethod.Post, $"server/{verb}", null, _ => Console.Out.WriteLine($"web server {done}"), cancellationToken));
            server.Subcommands.Add(command);
        }
        var status = new Command("status", "Show whether the web server runs, and where.") { TreatUnmatchedTokensAsErrors = false };
        status.SetAction((parse, cancellationToken) => CallAsync(parse, HttpMethod.Get, "server", null, body =>
            Console.Out.WriteLine((bool)body["running"]! ? $"running: {string.Join(", ", ((JsonArray)body["addresses"]!).Select(address => (string?)address))}" : "stopped"), cancellationToken));
        server.Subcommands.Add(status);
        return server;
    }

    /// <summary>One call; 0 when it succeeded, 1 when it was refused or failed, 2 when the settings do not say where the server is.</summary>
    private static async Task<int> CallAsync(ParseResult parse, HttpMethod method, string path, JsonNode? body, Action<JsonNode> print, CancellationToken cancellationToken)
    {
        using var client = AdminClient.Create(ModularCommandLine.ReadStartOptions(parse));
        if (client is null)
        {
            return ModularCommandLine.ConfigurationError;
        }
        if (await client.SendAsync(method, path, body, cancellationToken).ConfigureAwait(false) is not { } answer)
        {
            return 1;
        }
        if (!AdminClient.ReportErrors(answer.Body) || (int)answer.Status >= 400 || answer.Body is null)
        {
            return 1;
        }
        print(answer.Body);
        return 0;
    }

    /// <summary>JSON when it parses as JSON (numbers, booleans, lists), else the text itself.</summary>
    private static JsonNode? ParseValue(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    private static string Show(JsonNode? value) => value switch
    {
        null => "(none)",
        JsonValue scalar when scalar.TryGetValue<string>(out var text) => text,
        _ => value.ToJsonString(),
    };
}
