using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Primitives;

namespace Modular.Host.Content;

/// <summary>The HTML root as a file provider that never yields a file outside the root, symbolic links included.</summary>
/// <remarks>
/// <see cref="PhysicalFileProvider"/> refuses '..' and absolute paths as text but follows symbolic
/// links out of its root (notes/platform.md § 3). Each path is therefore resolved the way the
/// kernel does (component by component, '..' applied to the real folder reached so far) and refused
/// unless it stays under the root's real path; the file handed out is the resolved one, so what is
/// opened is what was checked.
/// </remarks>
internal sealed class RootFileProvider : IFileProvider, IDisposable
{
    // RFC 8615: the one dot folder a site is expected to serve (ACME challenges, security.txt).
    private const string WellKnown = ".well-known";

    private readonly PhysicalFileProvider inner;
    private readonly string realRoot;

    public RootFileProvider(string root)
    {
        inner = new PhysicalFileProvider(root, ExclusionFilters.Sensitive);
        var full = Path.GetFullPath(root);
        realRoot = RealPath.Resolve(Path.GetPathRoot(full)!, full);
    }

    public IFileInfo GetFileInfo(string subpath)
    {
        if (HasHiddenSegment(subpath))
        {
            return new NotFoundFileInfo(subpath);
        }
        var file = inner.GetFileInfo(subpath);
        if (!file.Exists || file.PhysicalPath is null)
        {
            return file;
        }
        return Inside(file.PhysicalPath) switch
        {
            null => new NotFoundFileInfo(subpath),
            // No link on the way: the file already looked up is the real one.
            var real when real == file.PhysicalPath => file,
            var real => new PhysicalFileInfo(new FileInfo(real)),
        };
    }

    public IDirectoryContents GetDirectoryContents(string subpath)
    {
        if (HasHiddenSegment(subpath))
        {
            return NotFoundDirectoryContents.Singleton;
        }
        var contents = inner.GetDirectoryContents(subpath);
        return contents.Exists && Inside(Path.Combine(inner.Root, subpath.TrimStart('/'))) is null ? NotFoundDirectoryContents.Singleton : contents;
    }

    public IChangeToken Watch(string filter) => inner.Watch(filter);

    public void Dispose() => inner.Dispose();

    /// <summary>Whether a folder on the way starts with '.' (.git, .svn, .env folders of a checkout), .well-known excepted.</summary>
    private static bool HasHiddenSegment(string subpath) =>
        (subpath.StartsWith('.') || subpath.Contains("/.", StringComparison.Ordinal))
        && subpath.Split('/', StringSplitOptions.RemoveEmptyEntries).Any(segment => segment.StartsWith('.') && segment != WellKnown);

    /// <summary>The real path of <paramref name="path"/> when it lies under the root, else null.</summary>
    private string? Inside(string path)
    {
        try
        {
            // The root was resolved once; only what lies below it is walked per request.
            var below = path.StartsWith(inner.Root, StringComparison.Ordinal) ? path[inner.Root.Length..] : path;
            var real = RealPath.Resolve(realRoot, below);
            return real.Equals(realRoot, StringComparison.Ordinal) || real.StartsWith(realRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                ? real
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
