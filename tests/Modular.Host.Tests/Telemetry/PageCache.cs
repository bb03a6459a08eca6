using System.Runtime.InteropServices;

namespace Modular.Host.Tests.Telemetry;

/// <summary>How much of a file is in Linux's page cache (mincore(2) over a read-only mapping, which reads nothing in).</summary>
internal static partial class PageCache
{
    private const int ProtectionRead = 1;
    private const int MapShared = 1;

    public static unsafe long ResidentBytes(string path)
    {
        using var file = File.OpenHandle(path);
        var length = RandomAccess.GetLength(file);
        if (length == 0)
        {
            return 0;
        }
        var address = Map(0, (nuint)length, ProtectionRead, MapShared, (int)file.DangerousGetHandle(), 0);
        if (address == -1)
        {
            throw new IOException($"mmap of {path} failed: error {Marshal.GetLastPInvokeError()}");
        }
        try
        {
            var pageSize = Environment.SystemPageSize;
            var pages = new byte[(length + pageSize - 1) / pageSize];
            fixed (byte* vector = pages)
            {
                if (Resident(address, (nuint)length, vector) != 0)
                {
                    throw new IOException($"mincore of {path} failed: error {Marshal.GetLastPInvokeError()}");
                }
            }
            return pages.Count(page => (page & 1) != 0) * (long)pageSize;
        }
        finally
        {
            _ = Unmap(address, (nuint)length);
        }
    }

    [LibraryImport("libc", EntryPoint = "mmap", SetLastError = true)]
    private static partial nint Map(nint address, nuint length, int protection, int flags, int descriptor, long offset);

    [LibraryImport("libc", EntryPoint = "mincore", SetLastError = true)]
    private static unsafe partial int Resident(nint address, nuint length, byte* vector);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Unmap(nint address, nuint length);
}
