using System.Globalization;

namespace Modular.Plugins.ProjectServer.CommandLine;

/// <summary>The download's progress on standard error: a bar redrawn in place on a terminal (at most ten times a second),
/// one line at the end otherwise.</summary>
internal sealed class ProgressBar(TextWriter errors) : IProgress<(long Received, long Size)>
{
    private const int Width = 30;
    private readonly bool terminal = !Console.IsErrorRedirected;
    private long drawnAt = -1;
    private (long Received, long Size) last;

    public void Report((long Received, long Size) value)
    {
        last = value;
        var now = Environment.TickCount64;
        if (!terminal || now - drawnAt < 100)
        {
            return;
        }
        drawnAt = now;
        errors.Write("\r" + Line(value));
    }

    public void Finish()
    {
        if (last.Size > 0)
        {
            errors.WriteLine((terminal ? "\r" : "") + Line((last.Size, last.Size)));
        }
    }

    private static string Line((long Received, long Size) value)
    {
        var share = value.Size == 0 ? 1 : (double)value.Received / value.Size;
        var filled = (int)(share * Width);
        return string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', Width - filled)}] {value.Received / 1048576.0:F1}/{value.Size / 1048576.0:F1} MB ({share:P0})");
    }
}
