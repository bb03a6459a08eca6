using System.Buffers;

namespace Modular.Host.Telemetry;

/// <summary>The debug log's lines on their way from the threads that end spans to the one thread that writes the file:
/// appended whole to the chunk being filled, which is handed to the writer once full, or once it waited a flush interval.</summary>
/// <remarks>
/// Which file a line goes to is decided here, as it is appended: a line that finds the current file at the size limit
/// starts a chunk marked to open the next file, so every file but the last ends at a line's end, past the limit by less
/// than a line, as if the lines had been written one by one.
/// </remarks>
/// <param name="waitingLimit">Bytes handed over and not yet written past which lines are dropped: the disk being slower
/// than the requests must not grow the process without bound (the batch exporter this replaced dropped spans past 65,536
/// queued).</param>
internal sealed class DebugLogChunks(long waitingLimit = 64L * 1024 * 1024)
{
    /// <summary>A chunk's size unless a line is longer (a recorded body): one write system call per chunk.</summary>
    private const int ChunkSize = 64 * 1024;

    // A Monitor's, not a Lock: the writer waits on it.
    private readonly object gate = new();
    private readonly Queue<Chunk> full = new();
    private Chunk? filling;
    private long fileBytes;
    private long waitingBytes;
    private bool closed;

    /// <summary>Appends <paramref name="line"/> (ending in '\n'), unless the writer is too far behind or the log closed.</summary>
    /// <param name="fileLimit">debugLogFileSize in bytes: read at each line, since it can change while the log is written.</param>
    public bool TryAppend(ReadOnlySpan<byte> line, long fileLimit)
    {
        lock (gate)
        {
            if (closed || waitingBytes + line.Length > waitingLimit)
            {
                return false;
            }
            var nextFile = fileBytes >= fileLimit;
            if (nextFile || filling is null || filling.Bytes.Length - filling.Length < line.Length)
            {
                HandOver();
                filling = new Chunk(ArrayPool<byte>.Shared.Rent(Math.Max(ChunkSize, line.Length)), nextFile);
                // The writer may be asleep until a line comes, or waiting for a chunk to fill (Drain may wait too).
                Monitor.PulseAll(gate);
            }
            if (nextFile)
            {
                fileBytes = 0;
            }
            line.CopyTo(filling.Bytes.AsSpan(filling.Length));
            filling.Length += line.Length;
            fileBytes += line.Length;
            waitingBytes += line.Length;
            return true;
        }
    }

    /// <summary>The next chunk to write, waited for: a full one, else the one being filled once <paramref name="flushInterval"/>
    /// passed since its first line; null once the log is closed and all was taken.</summary>
    public Chunk? Take(TimeSpan flushInterval)
    {
        lock (gate)
        {
            while (full.Count == 0 && !closed)
            {
                if (filling is null)
                {
                    // Nothing at all: asleep until a line comes.
                    Monitor.Wait(gate);
                    continue;
                }
                var left = TimeSpan.FromMilliseconds(filling.Started + (long)flushInterval.TotalMilliseconds - Environment.TickCount64);
                if (left <= TimeSpan.Zero)
                {
                    HandOver();
                    break;
                }
                Monitor.Wait(gate, left);
            }
            return full.TryDequeue(out var chunk) ? chunk : null;
        }
    }

    /// <summary>A chunk the writer is done with, written or not: its bytes no longer count as waiting.</summary>
    public void Release(Chunk chunk)
    {
        ArrayPool<byte>.Shared.Return(chunk.Bytes);
        lock (gate)
        {
            waitingBytes -= chunk.Length;
            if (waitingBytes == 0)
            {
                Monitor.PulseAll(gate);
            }
        }
    }

    /// <summary>Hands the part-filled chunk over and waits, within <paramref name="timeout"/>, until all is written.</summary>
    public bool Drain(TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        lock (gate)
        {
            HandOver();
            Monitor.PulseAll(gate);
            while (waitingBytes > 0)
            {
                var left = until - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || !Monitor.Wait(gate, left))
                {
                    return waitingBytes == 0;
                }
            }
            return true;
        }
    }

    /// <summary>No line is taken from now on; the writer writes what is there, then ends.</summary>
    public void Close()
    {
        lock (gate)
        {
            closed = true;
            HandOver();
            Monitor.PulseAll(gate);
        }
    }

    private void HandOver()
    {
        // A chunk is made for a line and gets it at once: one that exists is never empty.
        if (filling is not null)
        {
            full.Enqueue(filling);
            filling = null;
        }
    }

    /// <summary>Whole lines, and whether they begin the next file.</summary>
    internal sealed class Chunk(byte[] bytes, bool startsNextFile)
    {
        public byte[] Bytes { get; } = bytes;

        /// <summary>When its first line came (Environment.TickCount64): it is written a flush interval later at the latest.</summary>
        public long Started { get; } = Environment.TickCount64;

        public int Length { get; set; }

        public bool StartsNextFile { get; } = startsNextFile;
    }
}
