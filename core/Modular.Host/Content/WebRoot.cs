using System.Reflection;
using Microsoft.Extensions.Logging;
using Modular.Host.Hosting;
using Modular.Host.Settings;

namespace Modular.Host.Content;

/// <summary>The HTML root at start: the folder must exist (the default one is created), and 4D's default home page is written on first start.</summary>
internal static class WebRoot
{
    private const string DefaultHomePageName = "index.html";

    /// <summary>Checks the root, creating the default one; adds the reason to <paramref name="problems"/> when it cannot be used.</summary>
    public static void EnsureFolder(string root, HostSettings settings, bool rootIsDefault, List<string> problems)
    {
        if (Directory.Exists(root))
        {
            return;
        }
        if (!rootIsDefault)
        {
            problems.Add($"core: rootFolder = '{settings.rootFolder}': the folder {root} does not exist; create it or point rootFolder at your site.");
            return;
        }
        try
        {
            Directory.CreateDirectory(root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"core: rootFolder = '{settings.rootFolder}': the folder {root} cannot be created: {e.Message}");
        }
    }

    /// <summary>Writes index.html when it is the home page and missing (never over a file); called once the server listens.</summary>
    public static void WriteDefaultHomePage(string root, HostSettings settings, ILogger logger)
    {
        var homePage = Path.Combine(root, settings.defaultHomepage);
        if (File.Exists(homePage))
        {
            return;
        }
        if (settings.defaultHomepage != DefaultHomePageName)
        {
            logger.HomePageMissing(settings.defaultHomepage, root);
            return;
        }

        // 4D writes index.html into the HTML root when the server first starts without one.
        using var page = Assembly.GetExecutingAssembly().GetManifestResourceStream("DefaultHomePage.html")!;
        try
        {
            using var file = new FileStream(homePage, FileMode.CreateNew, FileAccess.Write);
            page.CopyTo(file);
            logger.DefaultHomePageWritten(homePage);
        }
        catch (IOException) when (File.Exists(homePage))
        {
            // Another process wrote it between the check and the write: theirs stays.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.DefaultHomePageNotWritten(homePage, e.Message);
        }
    }
}
