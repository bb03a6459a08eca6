using System.Text.RegularExpressions;

namespace Modular.Testing;

/// <summary>Reads a row of the /4DSTATS and /4DHTMLSTATS tables.</summary>
internal static partial class StatisticsPage
{
    public static string Value(string page, string row)
    {
        var match = Row().Matches(page).FirstOrDefault(m => m.Groups[1].Value == row);
        Assert.True(match is not null, $"no row '{row}' in {page}");
        return match.Groups[2].Value;
    }

    public static long Number(string page, string row) => long.Parse(Value(page, row), System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("<tr><th>([^<]*)</th><td>([^<]*)</td></tr>")]
    private static partial Regex Row();
}
