using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Modular.Host.Caching;

namespace Modular.Host.Content;

/// <summary>The Content stage: the home page, then files under the HTML root through ASP.NET's static file middleware.</summary>
internal static class StaticContent
{
    public static void Use(IApplicationBuilder app, CachingFileProvider root)
    {
        var charset = app.ApplicationServices.GetRequiredService<DeclaredCharset>();
        app.UseMiddleware<HomePageRewrite>(root);
        app.UseMiddleware<CachedPageResponder>();
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = root,
            // Like nginx and Caddy: a file in the root is served whatever its extension.
            ServeUnknownFileTypes = true,
            DefaultContentType = "application/octet-stream",
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = file => charset.Declare(file.Context.Response),
        });
    }
}
