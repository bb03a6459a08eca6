namespace Modular.Host.Content;

/// <summary>Resolves a path the way the kernel does, every symbolic link followed, without trusting its text.</summary>
internal static class RealPath
{
    // The kernel's own bound (ELOOP): a loop of links ends as a refusal, not a hang.
    private const int MaximumLinks = 40;

    /// <summary>The real path reached from the real folder <paramref name="start"/> by <paramref name="path"/> (relative, or absolute from the root).</summary>
    public static string Resolve(string start, string path)
    {
        var links = 0;
        return Walk(start, path, ref links);
    }

    private static string Walk(string start, string path, ref int links)
    {
        // 'resolved' never contains a link, so '..' may be applied to it as text.
        var resolved = Path.IsPathRooted(path) ? Path.GetPathRoot(path)! : start;
        var rest = Path.IsPathRooted(path) ? path[Path.GetPathRoot(path)!.Length..] : path;
        foreach (var component in rest.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            if (component == ".")
            {
                continue;
            }
            if (component == "..")
            {
                resolved = Path.GetDirectoryName(resolved) ?? resolved;
                continue;
            }
            var next = Path.Combine(resolved, component);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                resolved = next;
                continue;
            }
            if (++links > MaximumLinks)
            {
                throw new IOException($"too many levels of symbolic links at {next}");
            }
            // A relative target is relative to the folder holding the link.
            resolved = Walk(resolved, target, ref links);
        }
        return resolved;
    }
}
