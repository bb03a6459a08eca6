using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;
using Modular.Host.Settings;

namespace Modular.Host.Content;

/// <summary>The Content stage: the home page, then files under the HTML root through ASP.NET's static file middleware.</summary>
internal static class StaticContent
{
    public static void Use(IApplicationBuilder app, RootFileProvider root, SettingsStore settings)
    {
        app.UseMiddleware<HomePageRewrite>();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = root,
            // Like nginx and Caddy: a file in the root is served whatever its extension.
            ServeUnknownFileTypes = true,
            DefaultContentType = "application/octet-stream",
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = file =>
            {
                var contentType = file.Context.Response.ContentType;
                if (contentType is not null && IsText(contentType) && !contentType.Contains("charset", StringComparison.OrdinalIgnoreCase))
                {
                    CharacterSets.TryResolve(settings.Current.Get<HostSettings>().characterSet, out var charset);
                    file.Context.Response.ContentType = $"{contentType}; charset={charset}";
                }
            },
        });
    }

    /// <summary>Media types whose bytes are characters, so the characterSet declaration applies.</summary>
    private static bool IsText(string contentType) =>
        contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        || MediaTypeHeaderValue.TryParse(contentType, out var media) && media.MediaType.Value is "application/javascript" or "application/json" or "application/xml" or "image/svg+xml";
}
