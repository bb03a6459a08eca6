using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Modular.Host.Telemetry;

/// <summary>The response body as the client receives it, passed through unchanged and noted in a <see cref="BodyRecord"/>.</summary>
internal sealed class RecordedResponseStream(Stream inner, BodyRecord record) : Stream
{
    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        record.Add(buffer);
        inner.Write(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        record.Add(buffer.Span);
        return inner.WriteAsync(buffer, cancellationToken);
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

/// <summary>The request body as the application reads it, unchanged, noted in a <see cref="BodyRecord"/>: what the
/// application does not read is not read for the log either.</summary>
internal sealed class RecordedRequestStream(Stream inner, BodyRecord record) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        record.Add(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        record.Add(buffer.Span[..read]);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>The response body feature while the debug log records: writes go through <see cref="RecordedResponseStream"/> or
/// <see cref="RecordedPipeWriter"/> into the original's own; starting and completing stay the original's, so what the client
/// receives (Content-Length, chunking, flushes) does not change.</summary>
/// <remarks>ASP.NET's StreamResponseBodyFeature would flush the stream when completed, which makes Kestrel chunk an empty response
/// it would otherwise send with Content-Length: 0. Both wrappers are made when first asked for: most responses use one.</remarks>
internal sealed class RecordedResponseBody(IHttpResponseBodyFeature original, BodyRecord record) : IHttpResponseBodyFeature
{
    private Stream? stream;
    private PipeWriter? writer;

    public Stream Stream => stream ??= new RecordedResponseStream(original.Stream, record);

    public PipeWriter Writer => writer ??= new RecordedPipeWriter(original.Writer, record);

    public void DisableBuffering() => original.DisableBuffering();

    public Task StartAsync(CancellationToken cancellationToken = default) => original.StartAsync(cancellationToken);

    public Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default) =>
        SendFileFallback.SendFileAsync(Stream, path, offset, count, cancellationToken);

    public Task CompleteAsync() => original.CompleteAsync();
}

/// <summary>The response's own pipe writer, its written bytes noted in a <see cref="BodyRecord"/> as they are advanced: the bytes
/// stay in the buffers the original writer lent, so nothing is copied on the way to the client.</summary>
internal sealed class RecordedPipeWriter(PipeWriter inner, BodyRecord record) : PipeWriter
{
    // The buffer last lent to the caller: an Advance(count) commits its first count bytes.
    private Memory<byte> lent;

    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.UnflushedBytes;

    public override Memory<byte> GetMemory(int sizeHint = 0) => lent = inner.GetMemory(sizeHint);

    // The span handed out is the lent memory's, so that Advance can read what was written into it.
    public override Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;

    public override void Advance(int bytes)
    {
        record.Add(lent.Span[..bytes]);
        lent = lent[bytes..];
        inner.Advance(bytes);
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default) => inner.FlushAsync(cancellationToken);

    public override ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        record.Add(source.Span);
        return inner.WriteAsync(source, cancellationToken);
    }

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null) => inner.Complete(exception);

    public override ValueTask CompleteAsync(Exception? exception = null) => inner.CompleteAsync(exception);
}
