using System.Globalization;
using System.Text;

namespace Modular.Host.Settings;

/// <summary>The character sets <c>characterSet</c> accepts, by MIBEnum number (4D's form) or IANA name.</summary>
internal static class CharacterSets
{
    // spec/NOTES.md lists these as the ones to support at least; the MIBEnum numbers are IANA's.
    private static readonly Dictionary<int, string> NamesByMib = new()
    {
        [106] = "UTF-8",
        [4] = "ISO-8859-1",
        [12] = "ISO-8859-9",
        [13] = "ISO-8859-10",
        [17] = "Shift_JIS",
        [2024] = "Windows-31J",
        [2026] = "Big5",
        [38] = "EUC-KR",
        [2250] = "windows-1250",
        [2251] = "windows-1251",
        [2252] = "windows-1252",
        [2253] = "windows-1253",
        [2254] = "windows-1254",
        [2255] = "windows-1255",
        [2256] = "windows-1256",
    };

    public static string AllowedText { get; } =
        string.Join(", ", NamesByMib.Select(pair => $"{pair.Key} ({pair.Value})")) + ", or their names";

    /// <summary>The IANA name to declare in <c>charset=</c> for a MIBEnum number or a name.</summary>
    public static bool TryResolve(string value, out string name)
    {
        var text = value.Trim();
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var mib))
        {
            return NamesByMib.TryGetValue(mib, out name!);
        }
        name = NamesByMib.Values.FirstOrDefault(known => string.Equals(known, text, StringComparison.OrdinalIgnoreCase))!;
        return name is not null;
    }

    static CharacterSets() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
}
