using System.Xml;
using System.Xml.Linq;

namespace Modular.Plugins.HelperTool.Install;

/// <summary>The service manager's files for the helper: systemd's socket and service units, or launchd's daemon plist.</summary>
internal static class ServiceFiles
{
    /// <summary>The contents of each of <see cref="HelperLayout.ServiceFiles"/>, in the same order.</summary>
    /// <param name="dotnetRoot">DOTNET_ROOT for a helper that needs the shared runtime; null for a self-contained one.</param>
    public static IReadOnlyList<string> For(HelperLayout layout, string group, string? dotnetRoot) => layout.MacOS
        ? [Plist(layout, group, dotnetRoot)]
        : [SocketUnit(layout, group), ServiceUnit(layout, dotnetRoot)];

    /// <summary>systemd makes the socket (mode 0660, the server's group) and starts the helper on the first connection.</summary>
    private static string SocketUnit(HelperLayout layout, string group) => $"""
        [Unit]
        Description=Modular privileged port helper (socket)

        [Socket]
        ListenStream={layout.SocketPath}
        SocketUser=root
        SocketGroup={group}
        SocketMode=0660

        [Install]
        WantedBy=sockets.target

        """;

    /// <summary>Root, but with no capability beyond binding ports, and no writable file system.</summary>
    private static string ServiceUnit(HelperLayout layout, string? dotnetRoot) => $"""
        [Unit]
        Description=Modular privileged port helper: binds ports below 1024 for an unprivileged modular
        Requires={HelperLayout.SystemdName}.socket
        After={HelperLayout.SystemdName}.socket

        [Service]
        ExecStart={layout.Program} --policy {HelperLayout.PolicyFile}
        {(dotnetRoot is null ? "" : $"Environment=DOTNET_ROOT={dotnetRoot}\n")}User=root
        CapabilityBoundingSet=CAP_NET_BIND_SERVICE
        NoNewPrivileges=yes
        ProtectSystem=strict
        ProtectHome=yes
        PrivateTmp=yes
        PrivateDevices=yes
        RestrictAddressFamilies=AF_UNIX AF_INET AF_INET6
        Restart=on-failure

        [Install]
        Also={HelperLayout.SystemdName}.socket

        """;

    /// <summary>A launchd daemon run as root at boot and kept alive; it makes its own socket (launchd's socket hand-over needs
    /// launch_activate_socket, a C API with no use elsewhere here).</summary>
    private static string Plist(HelperLayout layout, string group, string? dotnetRoot)
    {
        var dict = new XElement("dict",
            Key("Label"), new XElement("string", HelperLayout.Label),
            Key("ProgramArguments"), new XElement("array",
                new[] { layout.Program, "--socket", layout.SocketPath, "--group", group, "--policy", HelperLayout.PolicyFile }.Select(word => new XElement("string", word))),
            Key("UserName"), new XElement("string", "root"),
            Key("RunAtLoad"), new XElement("true"),
            Key("KeepAlive"), new XElement("true"),
            Key("StandardErrorPath"), new XElement("string", "/var/log/" + HelperLayout.Label + ".log"));
        if (dotnetRoot is not null)
        {
            dict.Add(Key("EnvironmentVariables"), new XElement("dict", Key("DOTNET_ROOT"), new XElement("string", dotnetRoot)));
        }
        var document = new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XDocumentType("plist", "-//Apple//DTD PLIST 1.0//EN", "http://www.apple.com/DTDs/PropertyList-1.0.dtd", null),
            new XElement("plist", new XAttribute("version", "1.0"), dict));
        using var text = new Utf8StringWriter();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, IndentChars = "  " }))
        {
            document.Save(writer);
        }
        return text + "\n";
    }

    private static XElement Key(string name) => new("key", name);

    /// <summary>So that the declaration says UTF-8, which the file is.</summary>
    private sealed class Utf8StringWriter : StringWriter
    {
        public Utf8StringWriter() : base(System.Globalization.CultureInfo.InvariantCulture)
        {
        }

        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
    }
}
