using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Primitives;

namespace Modular.Host.Content;

/// <summary>The HTML root as a file provider that never yields a file outside the root, symbolic links included.</summary>
/// <remarks>
/// <see cref="PhysicalFileProvider"/> refuses '..' and absolute paths as text but follows symbolic
/// links out of its root (notes/platform.md § 3). Each path is therefore resolved component by
/// component, following links, and refused unless it stays under the root's real path.
/// </remarks>
internal sealed class RootFileProvider : IFileProvider, IDisposable
{
    private readonly PhysicalFileProvider inner;
    private readonly string realRoot;

    public RootFileProvider(string root)
    {
        inner = new PhysicalFileProvider(root, ExclusionFilters.Sensitive);
        realRoot = RealPath(Path.TrimEndingDirectorySeparator(Path.GetFullPath(root)), Path.GetPathRoot(Path.GetFullPath(root))!);
    }

    public IFileInfo GetFileInfo(string subpath)
    {
        var file = inner.GetFileInfo(subpath);
        return file.Exists && file.PhysicalPath is { } path && !StaysInside(path) ? new NotFoundFileInfo(subpath) : file;
    }

    public IDirectoryContents GetDirectoryContents(string subpath)
    {
        var contents = inner.GetDirectoryContents(subpath);
        if (!contents.Exists)
        {
            return contents;
        }
        var path = Path.Combine(inner.Root, subpath.TrimStart('/', '\\'));
        return StaysInside(path) ? contents : NotFoundDirectoryContents.Singleton;
    }

    public IChangeToken Watch(string filter) => inner.Watch(filter);

    public void Dispose() => inner.Dispose();

    private bool StaysInside(string path)
    {
        try
        {
            // The root's own path was resolved once; only what lies below it is walked per request.
            var below = path.StartsWith(inner.Root, StringComparison.Ordinal) ? path[inner.Root.Length..] : path;
            var real = RealPath(below, realRoot);
            return real.Equals(realRoot, StringComparison.Ordinal)
                || real.StartsWith(realRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The real path of <paramref name="relative"/> under the real folder <paramref name="start"/>, every symbolic link followed.</summary>
    private static string RealPath(string relative, string start, int depth = 0)
    {
        // The same bound as the kernel's ELOOP: a link loop ends as a refusal, not a hang.
        if (depth > 40)
        {
            throw new IOException("too many levels of symbolic links");
        }
        var resolved = start;
        foreach (var component in relative.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(resolved, component);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                resolved = next;
                continue;
            }
            // A target may itself pass through links, so it is walked again from the file system's root.
            var full = Path.GetFullPath(target, resolved);
            var root = Path.GetPathRoot(full)!;
            resolved = RealPath(full[root.Length..], root, depth + 1);
        }
        return resolved;
    }
}
