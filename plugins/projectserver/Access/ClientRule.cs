namespace Modular.Plugins.ProjectServer.Access;

/// <summary>One row of 4D Server's Allow-Deny IP table: <c>{"access": "allow", "pattern": "192.168.*"}</c>.</summary>
public sealed class ClientRule
{
    /// <summary><c>allow</c> or <c>deny</c>.</summary>
    public string access { get; init; } = "";

    /// <summary>A client address (IPv4 or IPv6), or its beginning followed by '*'; '*' alone is every client.</summary>
    public string pattern { get; init; } = "";
}
