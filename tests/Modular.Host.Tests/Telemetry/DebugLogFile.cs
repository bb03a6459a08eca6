using System.Text.Json;
using Modular.Testing;

namespace Modular.Host.Tests.Telemetry;

/// <summary>Reads back the file exporter's JSON lines (Logs/HTTPDebugLog_nn.txt) as the batch exporter writes them, within a bound.</summary>
internal static class DebugLogFile
{
    public static string Path(TempFolder folder, int number = 1) => folder.Combine($"Logs/HTTPDebugLog_{number:00}.txt");

    /// <summary>The source of request spans.</summary>
    public const string RequestSource = "Microsoft.AspNetCore";

    /// <summary>The spans of file <paramref name="number"/> once at least <paramref name="count"/> of them are request spans (at most 10 s).</summary>
    public static async Task<IReadOnlyList<JsonElement>> SpansAsync(TempFolder folder, int count, int number = 1)
    {
        var path = Path(folder, number);
        var spans = new List<JsonElement>();
        for (var i = 0; i < 200; i++)
        {
            if (File.Exists(path))
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var reader = new StreamReader(stream);
                var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
                spans = [.. lines.Select(line => JsonDocument.Parse(line).RootElement.Clone())];
                if (Requests(spans).Count() >= count)
                {
                    return spans;
                }
            }
            await Task.Delay(50);
        }
        Assert.Fail($"{path} has {Requests(spans).Count()} request spans after 10 s, not {count}");
        return spans;
    }

    public static IEnumerable<JsonElement> Requests(IEnumerable<JsonElement> spans) =>
        spans.Where(span => span.GetProperty("source").GetString() == RequestSource);

    /// <summary>The request span of <paramref name="target"/>.</summary>
    public static JsonElement Request(IEnumerable<JsonElement> spans, string target) =>
        Requests(spans).Single(span => Text(span, "modular.http.request_line")?.Split(' ')[1] == target);

    public static string? Text(JsonElement span, string attribute) =>
        span.GetProperty("attributes").TryGetProperty(attribute, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static JsonElement Attribute(JsonElement span, string attribute) => span.GetProperty("attributes").GetProperty(attribute);

    /// <summary>The names of the span's attributes.</summary>
    public static IReadOnlyList<string> Attributes(JsonElement span) => [.. span.GetProperty("attributes").EnumerateObject().Select(property => property.Name)];

    public static JsonElement? Event(JsonElement span, string name) =>
        span.GetProperty("events").EnumerateArray().Cast<JsonElement?>().SingleOrDefault(item => item!.Value.GetProperty("name").GetString() == name);
}
