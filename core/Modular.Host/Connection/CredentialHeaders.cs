namespace Modular.Host.Connection;

/// <summary>The headers that carry credentials, left out of TRACE echoes and redacted from the debug log.</summary>
internal static class CredentialHeaders
{
    /// <summary>Request headers holding credentials: Authorization and Proxy-Authorization (RFC 9110 § 11.6.2, 11.7.2), Cookie (RFC 6265 § 5.4).</summary>
    public static bool InRequest(string name) =>
        name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Cookie", StringComparison.OrdinalIgnoreCase);

    /// <summary>Those, and Set-Cookie, which hands a credential out.</summary>
    public static bool InRequestOrResponse(string name) => InRequest(name) || name.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase);
}
