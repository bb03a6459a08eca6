using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;

namespace Modular.Host.Admin;

/// <summary>The admin web page (4D's Settings dialog and Runtime Explorer): static files beside the executable, served at the
/// admin listener's root, a client of the admin API like any other.</summary>
/// <remarks>The files hold nothing secret and are served without the token, so that the page can ask for it; every call it makes
/// then carries the token. No inline script or style anywhere, so the policy below forbids both.</remarks>
internal static class AdminPage
{
    /// <summary>Where the build puts the page (Modular.Host.csproj copies Admin/Page there).</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "admin-page");

    private static readonly string[] Files = ["/", "/index.html", "/admin.css", "/admin.js", "/runtime.js"];

    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static bool IsPageFile(PathString path) => Files.Contains(path.Value, StringComparer.Ordinal);

    public static void Use(WebApplication app)
    {
        if (!Directory.Exists(Folder))
        {
            return;
        }
        var files = new PhysicalFileProvider(Folder);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = served =>
            {
                var headers = served.Context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                // Always asked again: a page from before an upgrade must not talk to a newer API.
                headers.CacheControl = "no-cache";
            },
        });
    }
}
