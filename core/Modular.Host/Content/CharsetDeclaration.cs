using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Modular.Host.Settings;

namespace Modular.Host.Content;

/// <summary>Declares <c>characterSet</c> on every text response that does not declare a charset itself (4D's Character Set setting).</summary>
internal sealed class CharsetDeclaration
{
    private readonly RequestDelegate next;
    private readonly IOptionsMonitor<HostSettings> settings;
    private readonly Func<object, Task> declare;
    private ResolvedCharset resolved = new("", "");

    public CharsetDeclaration(RequestDelegate next, IOptionsMonitor<HostSettings> settings)
    {
        this.next = next;
        this.settings = settings;
        // One delegate for all requests: registering it allocates nothing per request beyond the callback entry.
        declare = state => Declare(((HttpContext)state).Response);
    }

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(declare, context);
        return next(context);
    }

    private Task Declare(HttpResponse response)
    {
        var contentType = response.ContentType;
        if (contentType is not null && IsText(contentType) && !contentType.Contains("charset", StringComparison.OrdinalIgnoreCase))
        {
            response.ContentType = $"{contentType}; charset={Charset()}";
        }
        return Task.CompletedTask;
    }

    private string Charset()
    {
        // Resolved once per value of the setting, not per response; the record is swapped whole.
        var setting = settings.CurrentValue.characterSet;
        var current = Volatile.Read(ref resolved);
        if (current.Setting != setting)
        {
            CharacterSets.TryResolve(setting, out var charset);
            current = new ResolvedCharset(setting, charset);
            Volatile.Write(ref resolved, current);
        }
        return current.Charset;
    }

    /// <summary>Media types whose bytes are characters, so a charset applies.</summary>
    private static bool IsText(string contentType) =>
        contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        || MediaTypeHeaderValue.TryParse(contentType, out var media) && media.MediaType.Value is "application/javascript" or "application/json" or "application/xml" or "image/svg+xml";

    private sealed record ResolvedCharset(string Setting, string Charset);
}
