using System.Diagnostics;
using System.Text;
using System.Text.Unicode;

namespace Modular.Host.Telemetry;

/// <summary>What the debug log keeps of a body: its first bytes up to the limit, and how many bytes there were in all.</summary>
internal sealed class BodyRecord(int limit)
{
    private byte[] kept = [];
    private int keptLength;

    public long Size { get; private set; }

    public void Add(ReadOnlySpan<byte> bytes)
    {
        Size += bytes.Length;
        var room = Math.Min(limit - keptLength, bytes.Length);
        if (room <= 0)
        {
            return;
        }
        if (kept.Length < keptLength + room)
        {
            // Grows with the body, never past the limit: a streamed response is not buffered whole.
            Array.Resize(ref kept, Math.Min(limit, Math.Max(keptLength + room, kept.Length * 2)));
        }
        bytes[..room].CopyTo(kept.AsSpan(keptLength));
        keptLength += room;
    }

    /// <summary>The span event of the body: its text (UTF-8, or base64 when the bytes are not text), full size and whether it was cut.</summary>
    public ActivityEvent ToEvent(string name, long? declaredSize = null)
    {
        var bytes = kept.AsSpan(0, keptLength);
        var size = Math.Max(Size, declaredSize ?? 0);
        var text = Utf8Text(bytes, keptLength < size);
        return new ActivityEvent(name, tags: new ActivityTagsCollection
        {
            ["body"] = text ?? Convert.ToBase64String(bytes),
            ["body.encoding"] = text is null ? "base64" : "utf-8",
            ["body.size"] = size,
            ["body.truncated"] = keptLength < size,
        });
    }

    private static string? Utf8Text(ReadOnlySpan<byte> bytes, bool cut)
    {
        // A character split by the limit is no reason to call the whole body binary.
        for (var trim = 0; trim <= (cut ? Math.Min(3, bytes.Length) : 0); trim++)
        {
            if (Utf8.IsValid(bytes[..^trim]))
            {
                return Encoding.UTF8.GetString(bytes[..^trim]);
            }
        }
        return null;
    }
}
