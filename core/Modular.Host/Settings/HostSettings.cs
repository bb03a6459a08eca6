using System.Net;
using Modular.Abstractions;
using Modular.Host.Content;
using Modular.Host.Listening;

namespace Modular.Host.Settings;

/// <summary>The core's settings, keyed by their 4D <c>webServer</c> names (spec/webServerConfig.md).</summary>
public sealed class HostSettings : IValidatableSettings
{
    [Setting("The web server's name (4D: webServer.name); it names the session cookie, 4DSID_<name>.", Accepts = "1 to 64 letters, digits, '-', '_' or '.'", AppliesAt = SettingScope.Start)]
    public string name { get; init; } = "Modular";

    /// <summary>4D shows the cookie's name as a read-only property of the web server; it follows name.</summary>
    [Setting("The session cookie's name, 4DSID_<name> (4D: webServer.sessionCookieName); read-only, change name instead.", AppliesAt = SettingScope.Start)]
    public string sessionCookieName => "4DSID_" + name;

    [Setting("Accept plain HTTP connections (4D: Enable HTTP).", AppliesAt = SettingScope.Listeners, Page = "Configuration")]
    public bool HTTPEnabled { get; init; } = true;

    [Setting("TCP port for HTTP.", Minimum = 1, Maximum = 65535, ZeroRestoresDefault = true, AppliesAt = SettingScope.Listeners, Page = "Configuration")]
    public int HTTPPort { get; init; } = 80;

    [Setting("Accept HTTPS connections, with cert.pem and key.pem from certificateFolder (4D: Enable HTTPS).", AppliesAt = SettingScope.Listeners, Page = "Configuration")]
    public bool HTTPSEnabled { get; init; }

    [Setting("TCP port for HTTPS.", Minimum = 1, Maximum = 65535, AppliesAt = SettingScope.Listeners, Page = "Configuration")]
    public int HTTPSPort { get; init; } = 443;

    [Setting("The one IPv4 or IPv6 address to listen on; none means every address of both families.", Accepts = "an IPv4 or IPv6 address, or none", AppliesAt = SettingScope.Listeners, Page = "Configuration")]
    public string IPAddressToListen { get; init; } = "";

    [Setting("Folder holding cert.pem and key.pem; relative to the settings file's folder; none means that folder. A self-signed pair is written there when HTTPS is on and both files are missing.", Accepts = "a folder path", AppliesAt = SettingScope.Listeners)]
    public string certificateFolder { get; init; } = "";

    [Setting("TLS cipher suites in OpenSSL names separated by ':' (ECDHE-RSA-AES128-GCM-SHA256:...); none means the system's defaults. A list without TLS 1.3 suites turns TLS 1.3 off.", Accepts = "OpenSSL cipher names separated by ':'; an unknown name is refused with the list of known ones", AppliesAt = SettingScope.Listeners)]
    public string cipherSuite { get; init; } = "";

    [Setting("The HTML root: files under it are served, nothing above it ever is; relative to the settings file's folder.", Accepts = "a folder path", AppliesAt = SettingScope.Start, Page = "Configuration")]
    public string rootFolder { get; init; } = "WebFolder";

    [Setting("The page served for '/', relative to the HTML root, POSIX syntax, neither starting nor ending with '/'.", Accepts = "a relative POSIX path inside the HTML root", Page = "Configuration")]
    public string defaultHomepage { get; init; } = "index.html";

    [Setting("Character set declared on text responses: a MIBEnum number (106) or an IANA name (UTF-8).", Accepts = "106 UTF-8, 4 ISO-8859-1, 12 ISO-8859-9, 13 ISO-8859-10, 17 Shift_JIS, 2024 Windows-31J, 2026 Big5, 38 EUC-KR, 2250..2256 windows-1250..1256 (number or name)", Page = "Options (II)")]
    public string characterSet { get; init; } = "UTF-8";

    [Setting("Start the web server with the process (4D: Launch Web Server at Startup); false starts only the admin API and plugins, and the web server waits for POST /server/start.", AppliesAt = SettingScope.Start, Page = "Configuration")]
    public bool launchAtStartup { get; init; } = true;

    [Setting("Seconds the requests in flight get to finish when the web server stops (SIGTERM, modular server stop, a listener move on the same port); past them their connections are closed.",
        Minimum = 0, Maximum = 3600, Unit = "seconds")]
    public int shutdownTimeout { get; init; } = 30;

    [Setting("The plugins to load, by folder name; '*' loads every folder under pluginsFolder, an empty list loads none.", AppliesAt = SettingScope.Start)]
    public IReadOnlyList<string> plugins { get; init; } = ["*"];

    [Setting("Folder holding one folder per plugin; relative to the settings file's folder; none means 'plugins' beside the modular executable.", Accepts = "a folder path", AppliesAt = SettingScope.Start)]
    public string pluginsFolder { get; init; } = "";

    /// <summary>Whether <see cref="plugins"/> asks for every plugin folder present.</summary>
    public bool LoadsEveryPlugin => plugins.Count == 1 && plugins[0] == "*";

    public IEnumerable<SettingProblem> Validate()
    {
        if (name.Length is 0 or > 64 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            yield return new(nameof(name), "must be 1 to 64 letters, digits, '-', '_' or '.', since it becomes part of the session cookie's name");
        }
        if (IPAddressToListen.Length > 0 && !IPAddress.TryParse(IPAddressToListen, out _))
        {
            yield return new(nameof(IPAddressToListen), "must be an IPv4 address (192.168.1.10) or an IPv6 address (::1), or empty for every address");
        }
        if (!HTTPEnabled && !HTTPSEnabled)
        {
            yield return new(nameof(HTTPSEnabled), "HTTPEnabled and HTTPSEnabled are both false, so nothing would listen; enable at least one");
        }
        if (HTTPEnabled && HTTPSEnabled && HTTPPort == HTTPSPort)
        {
            yield return new(nameof(HTTPSPort), $"must differ from HTTPPort ({HTTPPort}) when both HTTP and HTTPS are enabled");
        }
        if (HomePagePath.Check(defaultHomepage) is { } homePageProblem)
        {
            yield return new(nameof(defaultHomepage), homePageProblem);
        }
        if (!CharacterSets.TryResolve(characterSet, out _))
        {
            yield return new(nameof(characterSet), $"is not a supported character set; allowed: {CharacterSets.AllowedText}");
        }
        if (CipherSuiteNames.FindUnknown(cipherSuite) is { Count: > 0 } unknown)
        {
            yield return new(nameof(cipherSuite), $"unknown cipher name(s) {string.Join(", ", unknown.Select(n => $"'{n}'"))}; allowed OpenSSL names: {CipherSuiteNames.AllowedText}");
        }
        if (plugins.Contains("*") && !LoadsEveryPlugin)
        {
            yield return new(nameof(plugins), "'*' (every plugin) cannot be combined with plugin names");
        }
        if (string.IsNullOrWhiteSpace(rootFolder))
        {
            yield return new(nameof(rootFolder), "must name a folder");
        }
    }
}
