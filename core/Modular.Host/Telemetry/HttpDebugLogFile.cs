using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Host.Hosting;
using OpenTelemetry;

namespace Modular.Host.Telemetry;

/// <summary>The file exporter: spans as JSON lines in <c>HTTPDebugLog_nn.txt</c> (4D's name) under logsFolder, written within
/// <see cref="FlushInterval"/>. Each start of the web server takes the next free number, so no earlier file is ever
/// overwritten; a file past debugLogFileSize MB hands over to the next number.</summary>
/// <remarks>
/// A processor rather than an exporter behind OpenTelemetry's batch processor: each span becomes its line on the thread
/// that ends it, and is garbage from then on. Queued for a batch, every span (with its tags and header records) outlived
/// the young generation and was copied by each collection meanwhile, which with debugLog 1 cost the request more than the
/// JSON itself (bench/cpu.sh debuglog). A thread of its own appends the lines to the file, a chunk per write.
/// </remarks>
internal sealed class HttpDebugLogFile : BaseProcessor<Activity>
{
    private const string Prefix = "HTTPDebugLog_";

    /// <summary>A thread's line buffer grown past this (by a recorded body) is not kept for its next span.</summary>
    private const int KeptLineBuffer = 256 * 1024;

    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Dropped lines are reported at most this often.</summary>
    private static readonly TimeSpan DropReportInterval = TimeSpan.FromSeconds(10);

    [ThreadStatic]
    private static LineBuffer? lineBuffer;

    private readonly string folder;
    private readonly IOptionsMonitor<TelemetrySettings> settings;
    private readonly ILogger logger;
    private readonly DebugLogChunks chunks = new();
    private readonly Thread writer;
    private long dropped;

    // The writer thread's own.
    private FileStream? file;
    private bool failing;
    private long reportedDrops;
    private long lastDropReport = Environment.TickCount64 - (long)DropReportInterval.TotalMilliseconds;

    public HttpDebugLogFile(string folder, IOptionsMonitor<TelemetrySettings> settings, ILogger logger)
    {
        this.folder = folder;
        this.settings = settings;
        this.logger = logger;
        writer = new Thread(WriteChunks) { IsBackground = true, Name = "Modular debug log" };
        writer.Start();
    }

    public override void OnEnd(Activity data)
    {
        if (!data.Recorded)
        {
            return;
        }
        var line = lineBuffer ??= new LineBuffer();
        // A span that cannot be written as JSON (a tag of NaN, a plugin's tag object whose ToString throws) is left out whole,
        // never half-written; and nothing of it reaches the request that ends it.
        if (line.TryWrite(data) && !chunks.TryAppend(line.Written, settings.CurrentValue.debugLogFileSize * 1024L * 1024L))
        {
            Interlocked.Increment(ref dropped);
        }
        if (line.Capacity > KeptLineBuffer)
        {
            lineBuffer = null;
            line.Dispose();
        }
    }

    /// <summary>Writes what is there (the part-filled chunk too) within the timeout.</summary>
    protected override bool OnForceFlush(int timeoutMilliseconds) => chunks.Drain(TimeSpan.FromMilliseconds(timeoutMilliseconds));

    /// <summary>Takes no more lines and writes the rest; the writer closes the file once done, even past the timeout.</summary>
    protected override bool OnShutdown(int timeoutMilliseconds)
    {
        chunks.Close();
        return writer.Join(timeoutMilliseconds);
    }

    private void WriteChunks()
    {
        try
        {
            while (chunks.Take(FlushInterval) is { } chunk)
            {
                Write(chunk);
                ReportDrops(force: false);
            }
            ReportDrops(force: true);
        }
        finally
        {
            file?.Dispose();
        }
    }

    private void Write(DebugLogChunks.Chunk chunk)
    {
        try
        {
            if (file is null || chunk.StartsNextFile)
            {
                file?.Dispose();
                // Until the next one opens: a failure to open it must not leave a closed stream in use.
                file = null;
                file = OpenNext();
            }
            file.Write(chunk.Bytes, 0, chunk.Length);
            failing = false;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Logged once per failing spell: a full disk would otherwise log at every chunk.
            if (!failing)
            {
                failing = true;
                logger.DebugLogUnwritable(folder, e.Message);
            }
        }
        finally
        {
            chunks.Release(chunk);
        }
    }

    private void ReportDrops(bool force)
    {
        var total = Interlocked.Read(ref dropped);
        if (total > reportedDrops && (force || Environment.TickCount64 - lastDropReport >= (long)DropReportInterval.TotalMilliseconds))
        {
            logger.DebugLogBehind(folder, total - reportedDrops);
            reportedDrops = total;
            lastDropReport = Environment.TickCount64;
        }
    }

    /// <summary>The next free number's file, made afresh. Unbuffered: each chunk is one write of whole lines.</summary>
    private FileStream OpenNext()
    {
        Directory.CreateDirectory(folder);
        // FileMode.CreateNew: a file another process made meanwhile is skipped, never overwritten.
        for (var number = NextNumber(); ; number++)
        {
            var path = Path.Combine(folder, $"{Prefix}{number:00}.txt");
            try
            {
                return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
            }
            catch (IOException) when (File.Exists(path))
            {
            }
        }
    }

    private int NextNumber()
    {
        var highest = 0;
        foreach (var path in Directory.EnumerateFiles(folder, Prefix + "*.txt"))
        {
            var name = Path.GetFileNameWithoutExtension(path)[Prefix.Length..];
            if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                highest = Math.Max(highest, number);
            }
        }
        return highest + 1;
    }

    /// <summary>A thread's span being made into its line, kept for the thread's next span.</summary>
    private sealed class LineBuffer : IDisposable
    {
        private readonly ArrayBufferWriter<byte> bytes = new(4096);
        private readonly Utf8JsonWriter json;

        public LineBuffer() => json = new Utf8JsonWriter(bytes, SpanJson.WriterOptions);

        public int Capacity => bytes.Capacity;

        public ReadOnlySpan<byte> Written => bytes.WrittenSpan;

        public bool TryWrite(Activity activity)
        {
            bytes.ResetWrittenCount();
            json.Reset(bytes);
            try
            {
                SpanJson.Write(json, activity);
                json.Flush();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                return false;
            }
            bytes.Write("\n"u8);
            return true;
        }

        public void Dispose() => json.Dispose();
    }
}
