using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Modular.Plugins.ProjectServer.Packages;

/// <summary>Builds a project folder into its remote package (a .4dz: a zip), written whole under a temporary name and then
/// renamed, so no client ever reads half a package.</summary>
/// <remarks>The zip is made the same way from the same files (entries in ordinal order, each dated by its file), so an
/// unchanged project rebuilds to the same bytes and keeps its version.</remarks>
internal static class PackageBuilder
{
    // The zip format's date range: a file dated outside it is stored with the nearest date the format can hold.
    private static readonly DateTimeOffset EarliestZipDate = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LatestZipDate = new(2107, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Builds <paramref name="projectFolder"/> into <paramref name="packagesFolder"/>, as <c>&lt;version&gt;.4dz</c>.</summary>
    public static ProjectPackage Build(string projectFolder, string packagesFolder)
    {
        var watch = Stopwatch.StartNew();
        Directory.CreateDirectory(packagesFolder);
        var building = Path.Combine(packagesFolder, $".building-{Guid.NewGuid():N}.4dz");
        try
        {
            var files = 0;
            using (var output = new FileStream(building, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
                {
                    foreach (var (relative, full) in Entries(projectFolder))
                    {
                        var entry = zip.CreateEntry(relative, CompressionLevel.Optimal);
                        entry.LastWriteTime = Clamp(File.GetLastWriteTimeUtc(full));
                        using var source = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
                        using var target = entry.Open();
                        source.CopyTo(target);
                        files++;
                    }
                }
                output.Flush(flushToDisk: true);
            }
            var sha256 = Convert.ToHexStringLower(HashFile(building));
            var version = sha256[..16];
            var final = Path.Combine(packagesFolder, version + ".4dz");
            if (File.Exists(final))
            {
                File.Delete(building);
            }
            else
            {
                File.Move(building, final);
            }
            return new ProjectPackage(version, sha256, final, new FileInfo(final).Length, files, DateTimeOffset.UtcNow, watch.Elapsed);
        }
        catch
        {
            File.Delete(building);
            throw;
        }
    }

    /// <summary>The files that go into the package, ordered, with their paths inside it ('/' separated).</summary>
    private static IEnumerable<(string Relative, string Full)> Entries(string projectFolder)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false, ReturnSpecialDirectories = false };
        return Directory.EnumerateFiles(projectFolder, "*", options)
            .Select(full => (Relative: Path.GetRelativePath(projectFolder, full).Replace(Path.DirectorySeparatorChar, '/'), Full: full))
            .Where(file => !PackageContents.IsLeftOut(file.Relative))
            // A link's target may lie anywhere; a package holds the project's own files only.
            .Where(file => new FileInfo(file.Full).LinkTarget is null)
            .OrderBy(file => file.Relative, StringComparer.Ordinal);
    }

    private static DateTimeOffset Clamp(DateTime utc)
    {
        var date = new DateTimeOffset(utc, TimeSpan.Zero);
        return date < EarliestZipDate ? EarliestZipDate : date > LatestZipDate ? LatestZipDate : date;
    }

    private static byte[] HashFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return SHA256.HashData(stream);
    }
}
