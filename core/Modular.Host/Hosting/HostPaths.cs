using Modular.Host.Settings;

namespace Modular.Host.Hosting;

/// <summary>The folders the settings name, made absolute: relative ones are relative to the settings file's folder (4D's rule for the HTML root).</summary>
internal sealed record HostPaths(string RootFolder, bool RootIsDefault, string CertificateFolder, string PluginsFolder)
{
    public static HostPaths Resolve(HostSettings settings, string settingsDirectory) => new(
        Path.GetFullPath(settings.rootFolder, settingsDirectory),
        settings.rootFolder == new HostSettings().rootFolder,
        settings.certificateFolder.Length > 0 ? Path.GetFullPath(settings.certificateFolder, settingsDirectory) : settingsDirectory,
        settings.pluginsFolder.Length > 0 ? Path.GetFullPath(settings.pluginsFolder, settingsDirectory) : Path.Combine(AppContext.BaseDirectory, "plugins"));
}
