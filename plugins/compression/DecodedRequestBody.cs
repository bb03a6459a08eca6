using Microsoft.AspNetCore.Http;

namespace Modular.Plugins.Compression;

/// <summary>A compressed request body as its reader sees it: decoded, and cut off at the request size limit counted after decoding.</summary>
/// <remarks>
/// Counting after decoding is what stops a zip bomb: a few kilobytes that expand to gigabytes end
/// with 413 at <c>maxRequestSize</c>, not with the memory of whoever reads the body.
/// </remarks>
internal sealed class DecodedRequestBody(Stream decoder, string coding, long? limit) : Stream
{
    private long decoded;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read;
        try
        {
            read = await decoder.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception e) when (IsCorrupt(e))
        {
            throw NotValid(e);
        }
        return Count(read);
    }

    // Each decoder says "corrupt" its own way: zlib's InvalidDataException, Brotli's InvalidOperationException, ZstdSharp's ZstdException.
    private static bool IsCorrupt(Exception e) => e is InvalidDataException or InvalidOperationException or ZstdSharp.ZstdException;

    private BadHttpRequestException NotValid(Exception e) =>
        new($"The request body is not valid {coding} ({e.Message}).", StatusCodes.Status400BadRequest, e);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        int read;
        try
        {
            read = decoder.Read(buffer, offset, count);
        }
        catch (Exception e) when (IsCorrupt(e))
        {
            throw NotValid(e);
        }
        return Count(read);
    }

    private int Count(int read)
    {
        decoded += read;
        if (decoded > limit)
        {
            throw new BadHttpRequestException($"The request body decoded from {coding} is larger than maxRequestSize ({limit} bytes).", StatusCodes.Status413PayloadTooLarge);
        }
        return read;
    }

    public override void Flush() => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            decoder.Dispose();
        }
        base.Dispose(disposing);
    }
}
