using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Modular.Host.Settings;

namespace Modular.Host.Content;

/// <summary>The charset <c>characterSet</c> names, resolved once per value of the setting, and the media types it applies to.</summary>
internal sealed class DeclaredCharset(IOptionsMonitor<HostSettings> settings)
{
    private Resolved resolved = new("", "");

    /// <summary>The IANA name to put in <c>charset=</c> now.</summary>
    public string Current
    {
        get
        {
            var setting = settings.CurrentValue.characterSet;
            var current = Volatile.Read(ref resolved);
            if (current.Setting != setting)
            {
                CharacterSets.TryResolve(setting, out var charset);
                current = new Resolved(setting, charset);
                Volatile.Write(ref resolved, current);
            }
            return current.Charset;
        }
    }

    /// <summary><paramref name="contentType"/> with the charset added when it is text and declares none.</summary>
    public string Apply(string contentType) =>
        IsText(contentType) && !contentType.Contains("charset", StringComparison.OrdinalIgnoreCase)
            ? $"{contentType}; charset={Current}"
            : contentType;

    /// <summary>Adds the charset to the response's Content-Type when it is text and declares none.</summary>
    public void Declare(HttpResponse response)
    {
        if (response.ContentType is { } contentType && Apply(contentType) is var declared && !ReferenceEquals(declared, contentType))
        {
            response.ContentType = declared;
        }
    }

    /// <summary>Media types whose bytes are characters, so a charset applies.</summary>
    private static bool IsText(string contentType) =>
        contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        || MediaTypeHeaderValue.TryParse(contentType, out var media) && media.MediaType.Value is "application/javascript" or "application/json" or "application/xml" or "image/svg+xml";

    // Swapped whole, so a reader never pairs one setting with another's charset.
    private sealed record Resolved(string Setting, string Charset);
}
