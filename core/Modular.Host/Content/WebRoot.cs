using System.Reflection;
using Microsoft.Extensions.Logging;
using Modular.Host.Hosting;
using Modular.Host.Settings;

namespace Modular.Host.Content;

/// <summary>Prepares the HTML root at start: the folder, and 4D's default home page on first start.</summary>
internal static class WebRoot
{
    private const string DefaultHomePageName = "index.html";

    /// <summary>Checks or creates the root; returns false with the reason added to <paramref name="problems"/>.</summary>
    public static bool Prepare(string root, HostSettings settings, bool rootIsDefault, ILogger logger, List<string> problems)
    {
        if (!Directory.Exists(root))
        {
            if (!rootIsDefault)
            {
                problems.Add($"core: rootFolder = '{settings.rootFolder}': the folder {root} does not exist; create it or point rootFolder at your site.");
                return false;
            }
            Directory.CreateDirectory(root);
        }

        var homePage = Path.Combine(root, settings.defaultHomepage);
        if (File.Exists(homePage))
        {
            return true;
        }
        if (settings.defaultHomepage != DefaultHomePageName)
        {
            logger.HomePageMissing(settings.defaultHomepage, root);
            return true;
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
        return true;
    }
}
