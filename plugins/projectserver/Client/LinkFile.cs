using System.Xml;
using System.Xml.Linq;

namespace Modular.Plugins.ProjectServer.Client;

/// <summary>A <c>.4DLink</c> file: 4D's shortcut to a remote project, <c>&lt;database_shortcut is_remote="true"
/// server_database_name="MyApp" server_path="192.168.1.10:19813"/&gt;</c> (spec/NOTES.md, Client/server).</summary>
/// <param name="ServerCertificateSha256">Over TLS, the server's certificate as first seen: a reconnection accepts that one only
/// (our addition to 4D's attributes, <c>server_certificate_sha256</c>).</param>
public sealed record LinkFile(string ServerDatabaseName, string ServerPath, string? ServerCertificateSha256 = null)
{
    public const string Extension = ".4DLink";

    public void Write(string path)
    {
        var document = new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement("database_shortcut",
                new XAttribute("is_remote", "true"),
                new XAttribute("server_database_name", ServerDatabaseName),
                new XAttribute("server_path", ServerPath),
                ServerCertificateSha256 is null ? null : new XAttribute("server_certificate_sha256", ServerCertificateSha256)));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written whole under another name, then renamed: a reader never sees half a link.
        var temporary = path + ".writing";
        document.Save(temporary);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads a link; the exception's message names the file and what is wrong with it.</summary>
    /// <exception cref="InvalidDataException">Not a remote <c>database_shortcut</c>.</exception>
    public static LinkFile Read(string path)
    {
        XDocument document;
        try
        {
            document = XDocument.Load(path);
        }
        catch (XmlException e)
        {
            throw new InvalidDataException($"{path} is not an XML file: {e.Message}", e);
        }
        var root = document.Root;
        if (root?.Name != "database_shortcut")
        {
            throw new InvalidDataException($"{path} is not a .4DLink file: its root element is <{root?.Name}>, not <database_shortcut>");
        }
        if ((string?)root.Attribute("is_remote") != "true")
        {
            throw new InvalidDataException($"{path} links to a local project (is_remote is not \"true\"); only remote ones can be opened here");
        }
        var name = (string?)root.Attribute("server_database_name");
        var server = (string?)root.Attribute("server_path");
        if (string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidDataException($"{path} lacks server_database_name or server_path");
        }
        return new LinkFile(name, server, (string?)root.Attribute("server_certificate_sha256"));
    }
}
