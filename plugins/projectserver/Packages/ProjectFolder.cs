namespace Modular.Plugins.ProjectServer.Packages;

/// <summary>A project folder named by the <c>projects</c> setting, checked: it exists and holds one *.4DProject file.</summary>
/// <param name="Name">The publication name: publicationName, or the project file's name without its extension.</param>
internal sealed record ProjectFolder(string Name, string Folder, string ProjectFile)
{
    /// <summary>The folders of <paramref name="projects"/>, relative ones under <paramref name="settingsFolder"/>.</summary>
    /// <exception cref="InvalidOperationException">A folder is missing, holds no or several project files, or two projects share a name.</exception>
    public static IReadOnlyList<ProjectFolder> Resolve(IReadOnlyList<string> projects, string publicationName, string settingsFolder)
    {
        var problems = new List<string>();
        var found = new List<ProjectFolder>();
        foreach (var entry in projects)
        {
            var folder = Path.GetFullPath(entry, settingsFolder);
            if (!Directory.Exists(folder))
            {
                problems.Add($"projects: '{entry}' ({folder}) is not a folder");
                continue;
            }
            var files = Directory.GetFiles(folder, "*.4DProject");
            if (files.Length != 1)
            {
                problems.Add($"projects: '{entry}' ({folder}) holds {(files.Length == 0 ? "no" : files.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))} *.4DProject file{(files.Length > 1 ? "s" : "")}; a project folder holds exactly one");
                continue;
            }
            var file = Path.GetFileName(files[0]);
            found.Add(new ProjectFolder(publicationName.Length > 0 ? publicationName : Path.GetFileNameWithoutExtension(file), folder, file));
        }
        foreach (var twins in found.GroupBy(project => project.Name, StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1))
        {
            problems.Add($"projects: {string.Join(" and ", twins.Select(project => project.Folder))} are both published as '{twins.Key}'; a name is published once");
        }
        return problems.Count > 0 ? throw new InvalidOperationException(string.Join("; ", problems)) : found;
    }
}
