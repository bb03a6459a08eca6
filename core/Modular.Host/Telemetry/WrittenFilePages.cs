using System.Runtime.InteropServices;

namespace Modular.Host.Telemetry;

/// <summary>Hands the page cache of a file the server only writes (the debug log) back to the kernel: its data is put on disk,
/// then its pages are dropped (Linux's posix_fadvise DONTNEED), instead of staying cached until memory runs short.</summary>
/// <remarks>
/// A log left in the page cache takes fresh pages for every write, which is most of what writing it costs where fresh pages are
/// dear (this VM hands freed memory back to its host: 1 GB written in 64 KB writes took 0.8-2.1 s of system time left cached,
/// 0.3-0.4 s put on disk and dropped every 4 MB; bench/cpu.sh debuglog, the debug log's file writes: 2.5 µs per request before,
/// 0.3 µs after), and it pushes out the cached pages of the content being served. Elsewhere than Linux nothing is done:
/// macOS has no posix_fadvise, and without the drop the flush to disk would be wasted.
/// </remarks>
internal static partial class WrittenFilePages
{
    /// <summary>POSIX_FADV_DONTNEED (Linux).</summary>
    private const int DontNeed = 4;

    /// <summary>Puts <paramref name="file"/> on disk and drops its cached pages from <paramref name="from"/> to its position; the
    /// position, the start of what is still cached, is returned.</summary>
    /// <remarks>The caller owns the stream (it is neither closed nor written meanwhile). Dropping is advice: its failure is
    /// harmless and ignored, while the flush's is an I/O error the caller reports like any other write's.</remarks>
    public static long Release(FileStream file, long from)
    {
        var to = file.Position;
        // 64-bit only: there off_t is 64 bits for every C library, as the import's long arguments are.
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess || to <= from)
        {
            return from;
        }
        // Dirty pages cannot be dropped: they are written first.
        file.Flush(flushToDisk: true);
        _ = Advise((int)file.SafeFileHandle.DangerousGetHandle(), from, to - from, DontNeed);
        return to;
    }

    [LibraryImport("libc", EntryPoint = "posix_fadvise")]
    private static partial int Advise(int descriptor, long offset, long length, int advice);
}
