using Microsoft.Extensions.FileProviders;
using Microsoft.Win32.SafeHandles;

namespace Modular.Host.Content;

/// <summary>A file of the HTML root (checked by <see cref="RootFileProvider"/>), sent through its own stream.</summary>
/// <remarks>
/// <see cref="PhysicalPath"/> is null on purpose: given a path, ASP.NET sends a file through
/// Kestrel's fallback, a FileStream with a 16 KB buffer of its own and each read on the thread
/// pool (about 17 KB allocated and two thread hops per 1 KB page, bench/run.sh). Without one it
/// copies <see cref="CreateReadStream"/>'s stream with a pooled buffer; <see cref="RealPath"/>
/// names the file for the host's own use (the static page cache).
/// </remarks>
internal sealed class RootFile(FileInfo file) : IFileInfo
{
    /// <summary>The file's resolved path, every link followed, under the root.</summary>
    public string RealPath => file.FullName;

    public bool Exists => file.Exists;

    public long Length => file.Length;

    public string? PhysicalPath => null;

    public string Name => file.Name;

    public DateTimeOffset LastModified => file.LastWriteTimeUtc;

    public bool IsDirectory => false;

    public Stream CreateReadStream() =>
        new RootFileStream(File.OpenHandle(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
}

/// <summary>A read-only stream over a file handle: no buffer of its own, and a small file read without a thread hop.</summary>
internal sealed class RootFileStream(SafeFileHandle handle) : Stream
{
    // A page this size is one read, nearly always from the kernel's page cache: reading it in place costs
    // less than handing it to the thread pool. Larger files read there, so a slow disk never holds a request thread long.
    private const int ReadInPlaceLimit = 64 * 1024;

    private readonly long length = RandomAccess.GetLength(handle);
    private long position;

    public override bool CanRead => !handle.IsClosed;

    public override bool CanSeek => !handle.IsClosed;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "a position is never negative");
    }

    public override int Read(Span<byte> buffer)
    {
        var read = RandomAccess.Read(handle, buffer, position);
        position += read;
        return read;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return ValueTask.FromCanceled<int>(cancellationToken);
        }
        return length <= ReadInPlaceLimit ? ValueTask.FromResult(Read(buffer.Span)) : ReadOnThreadPoolAsync(buffer, cancellationToken);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override long Seek(long offset, SeekOrigin origin)
    {
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin), origin, "Begin, Current or End"),
        };
        return position;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("the HTML root's files are read-only here");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("the HTML root's files are read-only here");

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            handle.Dispose();
        }
        base.Dispose(disposing);
    }

    private async ValueTask<int> ReadOnThreadPoolAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = await RandomAccess.ReadAsync(handle, buffer, position, cancellationToken).ConfigureAwait(false);
        position += read;
        return read;
    }
}
