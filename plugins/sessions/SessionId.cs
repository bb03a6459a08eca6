using System.Security.Cryptography;

namespace Modular.Plugins.Sessions;

/// <summary>Session ids: 128 random bits from the system's cryptographic generator, as 32 lowercase hex digits.</summary>
internal static class SessionId
{
    private const int Length = 32;

    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(Length / 2));

    /// <summary>Whether a cookie's value can be an id at all; anything else is treated as no cookie, without a lookup.</summary>
    public static bool IsWellFormed(string? value) => value is { Length: Length } && value.All(char.IsAsciiHexDigitLower);
}
