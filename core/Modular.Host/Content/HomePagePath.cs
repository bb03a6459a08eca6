namespace Modular.Host.Content;

/// <summary>The rules of 4D's <c>defaultHomepage</c>: relative to the HTML root, POSIX, no leading or trailing '/'.</summary>
internal static class HomePagePath
{
    /// <summary>What is wrong with <paramref name="path"/>, or null when it is valid.</summary>
    public static string? Check(string path)
    {
        if (path.Length == 0)
        {
            return "must name a file relative to the HTML root, such as index.html or Web/MyHome.htm";
        }
        if (path.StartsWith('/') || path.EndsWith('/'))
        {
            return "must neither start nor end with '/' (4D rule); write it relative to the HTML root, such as Web/MyHome.htm";
        }
        if (path.Contains('\\', StringComparison.Ordinal))
        {
            return "must use POSIX separators '/', not '\\'";
        }
        if (path.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            return "must not contain empty, '.' or '..' segments: the home page lies inside the HTML root";
        }
        return null;
    }
}
