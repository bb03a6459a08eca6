using System.Text.Json;
using System.Text.Json.Nodes;

namespace Modular.Host.Settings;

/// <summary>Writes changed settings into the settings file, keeping its other keys and their order, atomically.</summary>
/// <remarks>
/// The new text goes to a temporary file beside the old one, is flushed to disk, then renamed over
/// it: a reader (or a process killed at any point) sees the old file or the new one, never half of one.
/// </remarks>
internal static class SettingsFileWriter
{
    /// <summary>Sets <paramref name="changes"/> in the file at <paramref name="path"/> (created when missing); null when done, else why not.</summary>
    public static string? Write(string path, JsonObject changes)
    {
        try
        {
            var document = File.Exists(path)
                ? JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                : new JsonObject();
            if (document is null)
            {
                return $"{path} does not hold a JSON object; it was left as it is.";
            }
            foreach (var (name, value) in changes)
            {
                // A key written in another case is the same setting: replace it where it stands.
                var existing = document.Select(pair => pair.Key).FirstOrDefault(key => key.Equals(name, StringComparison.OrdinalIgnoreCase)) ?? name;
                document[existing] = value?.DeepClone();
            }
            var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(file, document, Indented);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return $"could not write {path}: {e.Message}";
        }
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };
}
