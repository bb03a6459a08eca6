using System.Buffers;

namespace Modular.Plugins.Compression;

/// <summary>The first bytes of a response, held back in a pooled buffer while it is not yet known whether to compress it.</summary>
internal sealed class HeldBytes(int expected) : IDisposable
{
    private byte[]? buffer;

    /// <summary>How many bytes are held.</summary>
    public int Count { get; private set; }

    public void Add(ReadOnlySpan<byte> bytes)
    {
        if (buffer is null || Count + bytes.Length > buffer.Length)
        {
            // Sized for the threshold once, up to 4 KB; a larger threshold grows it as bytes come.
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(Count + bytes.Length, Math.Min(expected, 4096)));
            if (buffer is not null)
            {
                buffer.AsSpan(0, Count).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
            }
            buffer = larger;
        }
        bytes.CopyTo(buffer.AsSpan(Count));
        Count += bytes.Length;
    }

    /// <summary>Writes the held bytes to <paramref name="target"/> and lets the buffer go.</summary>
    public async Task WriteToAsync(Stream target, CancellationToken cancellationToken)
    {
        if (buffer is not null && Count > 0)
        {
            await target.WriteAsync(buffer.AsMemory(0, Count), cancellationToken);
        }
        Dispose();
    }

    public void Dispose()
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
            Count = 0;
        }
    }
}
