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
        // PhysicalFileProvider's checks, done here so the file is looked up once: one lstat when no link is on the way.
        var relative = subpath.TrimStart('/');
        if (relative.Length == 0 || relative.Contains('\0', StringComparison.Ordinal) || Path.IsPathRooted(relative)
            || (OperatingSystem.IsWindows() && relative.Contains('\\', StringComparison.Ordinal)) || HasHiddenSegment(relative))
        {
            return new NotFoundFileInfo(subpath);
        }
        var file = new FileInfo(Path.Combine(inner.Root, relative));
        if (!file.Exists)
        {
            return new PhysicalFileInfo(file);
        }
        // On Unix, hidden means a dot name (refused above) and there is no system flag; reading the
        // attributes there also works out the read-only flag, a cost the static path does not need.
        if (OperatingSystem.IsWindows() && (file.Attributes & (FileAttributes.Hidden | FileAttributes.System)) != 0)
        {
            return new NotFoundFileInfo(subpath);
        }
        if (file.LinkTarget is null && !AnyFolderIsLink(relative))
        {
            return new RootFile(file);
        }
        return Inside(file.FullName) is { } real ? new RootFile(new FileInfo(real)) : new NotFoundFileInfo(subpath);
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

    /// <summary>A real path under the root as a path relative to it (for watching a link's target), or null when it is not under the root.</summary>
    public string? RelativePath(string realPath) =>
        realPath.StartsWith(realRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? realPath[(realRoot.Length + 1)..].Replace(Path.DirectorySeparatorChar, '/')
            : null;

    public void Dispose() => inner.Dispose();

    /// <summary>Whether a folder between the root and the file is a symbolic link (one lstat per folder).</summary>
    private bool AnyFolderIsLink(string relative)
    {
        for (var slash = relative.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = relative.IndexOf('/', slash + 1))
        {
            if ((new DirectoryInfo(Path.Combine(inner.Root, relative[..slash])).Attributes & FileAttributes.ReparsePoint) != 0)
            {
                return true;
            }
        }
        return false;
    }

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
