using System.Globalization;

namespace Modular.Plugins.HelperTool.Helper;

/// <summary>The helper's log: one line per decision on standard error, which the journal (systemd) or launchd's StandardErrorPath keeps.</summary>
internal static class HelperLog
{
    private static readonly Lock Gate = new();

    public static void Write(string message)
    {
        var line = $"{DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)} modular-helper: {message}";
        lock (Gate)
        {
            Console.Error.WriteLine(line);
        }
    }
}
