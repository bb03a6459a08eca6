using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;
using Modular.Host.Settings;

namespace Modular.Host.Proxy;

/// <summary>The <c>ReverseProxy</c> section of the settings file, in YARP's own schema (Routes, Clusters), followed as the file changes.</summary>
internal sealed class ReverseProxySection : IDisposable
{
    /// <summary>The section's name in the settings file, as YARP's documentation names it.</summary>
    public const string Name = "ReverseProxy";

    private readonly SettingsFileProvider folder;
    private readonly ConfigurationRoot file;

    /// <param name="settingsFile">The settings file's full path; it may not exist yet (routes then appear when it does).</param>
    public ReverseProxySection(string settingsFile)
    {
        SettingsFile = settingsFile;
        // A provider of our own on the file's folder, so its watcher ends with this section (and with the web server that owns it).
        folder = new SettingsFileProvider(settingsFile);
        file = (ConfigurationRoot)new ConfigurationBuilder()
            .AddJsonFile(folder, folder.FileName, optional: true, reloadOnChange: true)
            .Build();
        Section = file.GetSection(Name);
    }

    public string SettingsFile { get; }

    /// <summary>The section YARP loads from; YARP follows its reload token, so an edit of the file applies within about a second.</summary>
    public IConfigurationSection Section { get; }

    /// <summary>Whether the file has the section now.</summary>
    public bool IsPresent => Section.Exists();

    /// <summary>Calls <paramref name="added"/> after each reload of the file that finds the section; disposing stops it.</summary>
    public IDisposable WhenPresent(Action added) => ChangeToken.OnChange(file.GetReloadToken, () =>
    {
        if (IsPresent)
        {
            added();
        }
    });

    public void Dispose()
    {
        file.Dispose();
        folder.Dispose();
    }
}
