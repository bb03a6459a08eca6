using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Modular.Abstractions;

namespace Modular.Plugins.Compression;

/// <summary>The response body of one request whose client accepts a coding: compressed when the response turns out worth it, passed through otherwise.</summary>
/// <remarks>
/// The decision waits for the response's headers (type, Content-Encoding, status) and its size: a
/// declared Content-Length, else the bytes written so far. Up to the threshold they are held back,
/// so a short response of unknown length is sent as it is, with its length. A flush does not end
/// the wait, nor does a start (ASP.NET starts and flushes on every WriteAsync of a string);
/// <see cref="DisableBuffering"/> (server-sent events, YARP) means streaming, compressed without waiting.
/// </remarks>
internal sealed class CompressingResponseBody : Stream, IHttpResponseBodyFeature
{
    private enum State { Undecided, Identity, Compressing }

    private readonly HttpContext context;
    private readonly IHttpResponseBodyFeature inner;
    private readonly ContentCoding coding;
    private readonly CompressionOptions options;
    private readonly bool isHead;
    private State state;
    private Stream? encoder;
    private readonly HeldBytes held;
    private bool flushEveryWrite;
    private PipeWriter? writer;

    public CompressingResponseBody(HttpContext context, IHttpResponseBodyFeature inner, ContentCoding coding, CompressionOptions options)
    {
        this.context = context;
        this.inner = inner;
        this.coding = coding;
        this.options = options;
        held = new HeldBytes(options.HTTPCompressionThreshold);
        isHead = HttpMethods.IsHead(context.Request.Method);
    }

    Stream IHttpResponseBodyFeature.Stream => this;

    public PipeWriter Writer => writer ??= PipeWriter.Create(this, new StreamPipeWriterOptions(leaveOpen: true));

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public void DisableBuffering()
    {
        flushEveryWrite = true;
        inner.DisableBuffering();
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        // The headers go with the decision: until then the response has not started.
        if (await DecideUnlessHoldingAsync(cancellationToken))
        {
            await inner.StartAsync(cancellationToken);
        }
    }

    public async Task CompleteAsync()
    {
        await FinishAsync();
        await inner.CompleteAsync();
    }

    public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        if (state == State.Undecided && Decide(knownLength: null) is var decided and not State.Undecided)
        {
            await ApplyAsync(decided, cancellationToken);
        }
        if (state == State.Identity)
        {
            await inner.SendFileAsync(path, offset, count, cancellationToken);
            return;
        }
        await SendFileFallback.SendFileAsync(this, path, offset, count, cancellationToken);
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (state == State.Undecided)
        {
            var decided = Decide(knownLength: null);
            if (decided == State.Undecided && held.Count + buffer.Length < options.HTTPCompressionThreshold && !flushEveryWrite)
            {
                held.Add(buffer.Span);
                return;
            }
            // Past the threshold with the length still unknown: worth compressing.
            await ApplyAsync(decided, cancellationToken);
        }
        if (state == State.Compressing && encoder is not null)
        {
            await encoder.WriteAsync(buffer, cancellationToken);
            if (flushEveryWrite)
            {
                await encoder.FlushAsync(cancellationToken);
            }
            return;
        }
        await inner.Stream.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Kestrel refuses synchronous writes unless AllowSynchronousIO is set; when it is, they go the same way.
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (!await DecideUnlessHoldingAsync(cancellationToken))
        {
            return;
        }
        if (encoder is not null)
        {
            await encoder.FlushAsync(cancellationToken);
        }
        await inner.Stream.FlushAsync(cancellationToken);
    }

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Ends the response body: decides a response still undecided from its final size, then ends the encoding.</summary>
    public async Task FinishAsync()
    {
        if (writer is not null)
        {
            // Bytes a handler wrote through BodyWriter without a final flush are still in the adapter.
            await writer.CompleteAsync();
        }
        if (state == State.Undecided)
        {
            var decided = Decide(knownLength: held.Count);
            if (decided == State.Identity && held.Count > 0 && !context.Response.HasStarted && context.Response.ContentLength is null)
            {
                // Short enough to send as it is: with its length, as it would have gone without this plugin.
                context.Response.ContentLength = held.Count;
            }
            await ApplyAsync(decided, CancellationToken.None);
        }
        if (encoder is not null)
        {
            // Disposing writes the coding's final block.
            await encoder.DisposeAsync();
            encoder = null;
        }
        if (context.Response.StatusCode == StatusCodes.Status304NotModified)
        {
            VariantTagOnNotModified();
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Decides on a start or a flush, unless the response still waits for the threshold; false while it waits.</summary>
    /// <remarks>HttpResponse.WriteAsync(string) starts and flushes around every write: neither says the response streams.</remarks>
    private async Task<bool> DecideUnlessHoldingAsync(CancellationToken cancellationToken)
    {
        if (state != State.Undecided)
        {
            return true;
        }
        var decided = Decide(knownLength: null);
        if (decided == State.Undecided && !flushEveryWrite)
        {
            return false;
        }
        await ApplyAsync(decided, cancellationToken);
        return true;
    }

    /// <summary>Acts on a decision; still undecided here means streaming of unknown length, which is compressed.</summary>
    private async Task ApplyAsync(State decided, CancellationToken cancellationToken)
    {
        if (decided == State.Identity)
        {
            state = State.Identity;
            await held.WriteToAsync(inner.Stream, cancellationToken);
        }
        else
        {
            await StartCompressingAsync(cancellationToken);
        }
    }

    /// <summary>Identity, Compressing, or Undecided while the response is eligible but its size is not yet known.</summary>
    private State Decide(long? knownLength)
    {
        var response = context.Response;
        var headers = response.Headers;
        var status = response.StatusCode;
        if (response.HasStarted
            || status is < 200 or StatusCodes.Status204NoContent or StatusCodes.Status206PartialContent or StatusCodes.Status304NotModified
            || headers.ContainsKey(HeaderNames.ContentEncoding)
            || headers.ContainsKey(HeaderNames.ContentRange)
            || !CompressionPolicy.IsCompressible(headers.ContentType)
            || headers.CacheControl.ToString().Contains("no-transform", StringComparison.OrdinalIgnoreCase))
        {
            return State.Identity;
        }
        var length = headers.ContentLength ?? knownLength;
        if (length is null)
        {
            return State.Undecided;
        }
        return length < options.HTTPCompressionThreshold ? State.Identity : State.Compressing;
    }

    private async Task StartCompressingAsync(CancellationToken cancellationToken)
    {
        state = State.Compressing;
        var headers = context.Response.Headers;
        headers.ContentLength = null;
        headers.ContentEncoding = coding.Name;
        headers.Remove(HeaderNames.AcceptRanges);
        if (headers.ETag is { Count: 1 } tag)
        {
            headers.ETag = EntityTag.WithCoding(tag[0]!, coding.Name);
        }
        if (isHead)
        {
            return;
        }
        encoder = coding.Compress(inner.Stream, options.EffectiveLevel);
        await held.WriteToAsync(encoder, cancellationToken);
    }

    /// <summary>On a 304 for a request whose If-None-Match named our variant, the tag sent back is that variant's.</summary>
    private void VariantTagOnNotModified()
    {
        var headers = context.Response.Headers;
        if (headers.ETag is { Count: 1 } tag && context.Items[IfNoneMatchRewrite.ItemKey] is IReadOnlyCollection<string> variantsAsked)
        {
            var variant = EntityTag.WithCoding(tag[0]!, coding.Name);
            // Only the tag: a 304 carries no representation metadata beyond the validators and Vary (RFC 9110 § 15.4.5).
            if (variantsAsked.Contains(variant))
            {
                headers.ETag = variant;
            }
        }
    }

    /// <summary>Reached without <see cref="FinishAsync"/> only when a later stage threw: the encoder is ended
    /// asynchronously (Kestrel refuses synchronous writes) and a failing write does not hide the first exception.</summary>
    public override async ValueTask DisposeAsync()
    {
        if (encoder is not null)
        {
            try
            {
                await encoder.DisposeAsync();
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
            {
                // The response is already failing; the exception that made it fail is the one to report.
            }
            encoder = null;
        }
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            held.Dispose();
        }
        base.Dispose(disposing);
    }
}
