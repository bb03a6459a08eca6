using Modular.Abstractions;
using Modular.Plugins.ProjectServer.Access;

namespace Modular.Plugins.ProjectServer.Settings;

/// <summary>4D Server's publication of projects to remote clients (spec/clientServer-rendered.txt; spec/NOTES.md, Client/server).</summary>
public sealed class ProjectServerOptions : IValidatableSettings, IDependentSettings
{
    private ClientAccess? access;

    [Setting("Project folders published to remote clients, each holding one *.4DProject file; relative ones are relative to the settings file's folder.",
        Accepts = "a JSON list of folder paths", AppliesAt = SettingScope.Start, Page = "Client-server")]
    public IReadOnlyList<string> projects { get; init; } = [];

    [Setting("TCP port of the publishing service and UDP port of discovery (4D: Publishing port).", Minimum = 1, Maximum = 65535, AppliesAt = SettingScope.Start, Page = "Client-server")]
    public int publishingPort { get; init; } = 19813;

    [Setting("The name clients see for the project; empty: the project file's name (4D: Publication name). Only with a single project.", AppliesAt = SettingScope.Start, Page = "Client-server")]
    public string publicationName { get; init; } = "";

    [Setting("Announce the projects to discovery broadcasts; off, clients reach them by address only (4D: Publish database at startup).", Page = "Client-server")]
    public bool publishAtStartup { get; init; } = true;

    [Setting("Which client addresses may connect to the published projects, first matching row wins, none matching denies (4D: Allow-Deny IP table). Web visitors are not concerned.",
        Accepts = "a JSON list of {\"access\": \"allow\"|\"deny\", \"pattern\": an IPv4 or IPv6 address, or its start followed by '*'}", Page = "Client-server")]
    public IReadOnlyList<ClientRule> clientAllowDeny { get; init; } = [new ClientRule { access = "allow", pattern = "*" }];

    [Setting("Serve the publishing port over TLS with the web server's certificate (cert.pem/key.pem, cipherSuite); discovery marks the projects with '^' (4D: Encrypt Client-Server Communications). Needs HTTPSEnabled.",
        AppliesAt = SettingScope.Start, Page = "Client-server")]
    public bool clientServerEncryption { get; init; }

    /// <summary>The table, parsed once per settings value.</summary>
    internal ClientAccess Access => access ??= ClientAccess.Parse(clientAllowDeny, out _);

    public IEnumerable<SettingProblem> Validate(ISettingsView settings)
    {
        if (clientServerEncryption && !settings.Value<bool>("HTTPSEnabled"))
        {
            yield return new(nameof(clientServerEncryption), "needs HTTPSEnabled = true: the publishing port uses the web server's certificate (cert.pem and key.pem in certificateFolder); enable HTTPS or set clientServerEncryption = false");
        }
    }

    public IEnumerable<SettingProblem> Validate()
    {
        ClientAccess.Parse(clientAllowDeny, out var problems);
        foreach (var problem in problems)
        {
            yield return new SettingProblem(nameof(clientAllowDeny), problem);
        }
        if (publicationName.Length > 0 && projects.Count != 1)
        {
            yield return new SettingProblem(nameof(publicationName), $"names one project, but {projects.Count} are listed in projects; with several, each is published under its project file's name");
        }
        if (publicationName.IndexOfAny(['/', '\\', '\0']) >= 0 || publicationName.Trim() != publicationName)
        {
            yield return new SettingProblem(nameof(publicationName), "may not hold '/', '\\' or surrounding spaces");
        }
        foreach (var folder in projects.Where(folder => string.IsNullOrWhiteSpace(folder)))
        {
            yield return new SettingProblem(nameof(projects), "an entry is empty; each names a project folder");
        }
    }
}
