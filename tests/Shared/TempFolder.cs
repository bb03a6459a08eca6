namespace Modular.Testing;

/// <summary>A fresh folder under the system's temp folder (or under <c>parent</c>), deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
        : this(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "modular-tests"))
    {
    }

    public TempFolder(string parent)
    {
        Path = System.IO.Path.Combine(parent, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes a file (creating its folders) and returns its full path.</summary>
    public string Write(string relativePath, string content)
    {
        var path = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A plugins folder holding copies of the named plugin folders: product plugins, fixtures, the README's example;
    /// asked again, it adds the ones missing.</summary>
    public string PluginsWith(params string[] plugins)
    {
        var folder = Combine("plugins");
        Directory.CreateDirectory(folder);
        foreach (var plugin in plugins)
        {
            var product = System.IO.Path.Combine(RepoPaths.ProductPlugins, plugin);
            var source = Directory.Exists(product) ? product : System.IO.Path.Combine(RepoPaths.TestPlugins, plugin);
            var target = System.IO.Path.Combine(folder, plugin);
            if (Directory.Exists(target))
            {
                // Already deployed for another server of the same test, which may have it loaded: keep it as it is.
                continue;
            }
            CopyFolder(source, target);
        }
        return folder;
    }

    /// <summary>A plugin folder with its subfolders (helpertool's helper/).</summary>
    private static void CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source))
        {
            File.Copy(file, System.IO.Path.Combine(target, System.IO.Path.GetFileName(file)));
        }
        foreach (var folder in Directory.GetDirectories(source))
        {
            CopyFolder(folder, System.IO.Path.Combine(target, System.IO.Path.GetFileName(folder)));
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A server still closing may hold a file; the system's temp cleaning takes the rest.
        }
    }
}
