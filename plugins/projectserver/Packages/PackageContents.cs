namespace Modular.Plugins.ProjectServer.Packages;

/// <summary>What of a project folder goes into its remote package, and what 4D leaves out of one (README, Published projects).</summary>
/// <remarks>
/// Left out, at any depth: <c>DerivedData</c> (the compiled code and caches of the server's own machine; a client derives
/// its own), <c>Logs</c>, <c>userPreferences.*</c> (one user's window positions and editor state), names starting with '.'
/// (.git, .DS_Store: never part of a project, sometimes secret), and data files (<c>.4DD</c>, <c>.4DIndx</c>, <c>.4DIndy</c>,
/// <c>.Match</c>, <c>.journal</c>, <c>.4BK</c>, <c>.4BL</c>). At the top only, the <c>Data</c> folder: the data stays on the server.
/// </remarks>
internal static class PackageContents
{
    private static readonly HashSet<string> LeftOutFolders = new(StringComparer.OrdinalIgnoreCase) { "DerivedData", "Logs" };

    private static readonly HashSet<string> DataExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".4DD", ".4DIndx", ".4DIndy", ".Match", ".journal", ".4BK", ".4BL",
    };

    /// <summary>Whether the entry at <paramref name="relativePath"/> ('/' separated, from the project folder) stays out of the package.</summary>
    public static bool IsLeftOut(string relativePath)
    {
        var segments = relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var index = 0; index < segments.Length; index++)
        {
            var segment = segments[index];
            var isLast = index == segments.Length - 1;
            if (segment.StartsWith('.') || LeftOutFolders.Contains(segment)
                || segment.StartsWith("userPreferences.", StringComparison.OrdinalIgnoreCase)
                || (index == 0 && !isLast && segment.Equals("Data", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
            if (isLast && DataExtensions.Contains(Path.GetExtension(segment)))
            {
                return true;
            }
        }
        return false;
    }
}
