using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Modular.Host.Settings;

/// <summary>Reads the settings file (a JSON object of 4D names) into a configuration layer.</summary>
internal static class SettingsFileReader
{
    public static IConfiguration? Read(string path, List<string> problems)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"settings file '{path}' cannot be read: {e.Message}");
            return null;
        }

        // Checked here first because the configuration provider's message omits the column and
        // accepts a top-level array or value silently as an empty layer.
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"settings file '{path}': the top level must be a JSON object of settings, not {document.RootElement.ValueKind}.");
                return null;
            }
        }
        catch (JsonException e)
        {
            problems.Add($"settings file '{path}' is not valid JSON: line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}: {e.Message}");
            return null;
        }

        using var stream = new MemoryStream(bytes);
        return new ConfigurationBuilder().AddJsonStream(stream).Build();
    }
}
