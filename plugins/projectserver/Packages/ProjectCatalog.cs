using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Modular.Plugins.ProjectServer.Packages;

/// <summary>The published projects of this start of the server, and the folder their packages are built in.</summary>
/// <remarks>Packages are derived from the project folders and rebuilt at every start, so they live in a temporary folder
/// of their own, removed at stop; nothing is written into a project folder.</remarks>
internal sealed class ProjectCatalog : IDisposable
{
    /// <summary>Where every server of this machine builds its packages, each in a folder of its own below.</summary>
    public static readonly string PackagesRoot = Path.Combine(Path.GetTempPath(), "modular-projectserver");

    private readonly string packagesFolder = Path.Combine(PackagesRoot, Guid.NewGuid().ToString("N"));
    private readonly ILogger logger;

    public ProjectCatalog(IReadOnlyList<ProjectFolder> folders, ILogger<ProjectCatalog> logger)
    {
        this.logger = logger;
        Projects = [.. folders.Select((folder, index) => new PublishedProject(folder.Name, folder.Folder, folder.ProjectFile,
            Path.Combine(packagesFolder, index.ToString(CultureInfo.InvariantCulture)), logger))];
    }

    public IReadOnlyList<PublishedProject> Projects { get; }

    public PublishedProject? Find(string name) =>
        Projects.FirstOrDefault(project => project.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>What a client or operator naming an unknown project is told.</summary>
    public string Unknown(string name) => $"no published project '{name}'; published: {string.Join(", ", Projects.Select(project => project.Name))}";

    public void Dispose()
    {
        foreach (var project in Projects)
        {
            project.Dispose();
        }
        try
        {
            Directory.Delete(packagesFolder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.PackageNotRemoved(packagesFolder, e.Message);
        }
    }
}
