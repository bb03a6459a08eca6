using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Modular.Host.Hosting;
using OpenTelemetry;

namespace Modular.Host.Telemetry;

/// <summary>The file exporter: spans as JSON lines in <c>HTTPDebugLog_nn.txt</c> (4D's name) under logsFolder. Each start of the
/// web server takes the next free number, so no earlier file is ever overwritten; a file past debugLogFileSize MB hands over
/// to the next number. What is written goes to disk and out of the page cache every 8 MB and at each file's end
/// (<see cref="WrittenFilePages"/>): the server never reads its log back.</summary>
internal sealed class HttpDebugLogFile(string folder, IOptionsMonitor<TelemetrySettings> settings, ILogger logger) : BaseExporter<Activity>
{
    private const string Prefix = "HTTPDebugLog_";

    /// <summary>How much of the file may stay in the page cache before it is put on disk and its pages dropped.</summary>
    private const long CachedLimit = 8L << 20;
    private readonly ArrayBufferWriter<byte> line = new(4096);
    private FileStream? file;
    // Where the file's pages still in the page cache begin.
    private long cachedFrom;
    private Utf8JsonWriter? writer;
    private readonly Lock gate = new();
    private bool failed;
    private bool shutDown;

    public override ExportResult Export(in Batch<Activity> batch)
    {
        // The writing itself must not make spans (of file I/O, say) that would come back here.
        using var _ = SuppressInstrumentationScope.Begin();
        // Shutdown may come from another thread while an export still runs (the tracer waits for it a few seconds only).
        lock (gate)
        {
            if (shutDown)
            {
                return ExportResult.Failure;
            }
            try
            {
                foreach (var activity in batch)
                {
                    Write(activity);
                }
                file?.Flush();
                if (file is not null && file.Position - cachedFrom >= CachedLimit)
                {
                    cachedFrom = WrittenFilePages.Release(file, cachedFrom);
                }
                failed = false;
                return ExportResult.Success;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // An exporter must never throw: this runs on the exporter's own thread, where an exception ends the process.
                if (!failed)
                {
                    failed = true;
                    logger.DebugLogUnwritable(folder, e.Message);
                }
                return ExportResult.Failure;
            }
        }
    }

    /// <summary>One span, one line; a span that cannot be written as JSON (a tag of NaN, say) is left out whole, never half-written.</summary>
    private void Write(Activity activity)
    {
        // Each span is made in memory, then copied to the file's buffer: writing the JSON to the file itself would flush
        // the file (a write system call) per span, which cost more than the request it describes (bench/run.sh, debug log).
        line.ResetWrittenCount();
        if (writer is null)
        {
            writer = new Utf8JsonWriter(line, SpanJson.WriterOptions);
        }
        else
        {
            writer.Reset(line);
        }
        try
        {
            SpanJson.Write(writer, activity);
            writer.Flush();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return;
        }
        var stream = Current();
        stream.Write(line.WrittenSpan);
        stream.WriteByte((byte)'\n');
    }

    /// <summary>The file to write to: opened at the first span, replaced once it reached the size limit.</summary>
    private FileStream Current()
    {
        var limit = settings.CurrentValue.debugLogFileSize * 1024L * 1024L;
        // Position, not Length: the file was made by this writer (CreateNew), and Length would ask the file system each time.
        if (file is not null && file.Position < limit)
        {
            return file;
        }
        Close();
        Directory.CreateDirectory(folder);
        // FileMode.CreateNew: a file another process made meanwhile is skipped, never overwritten.
        for (var number = NextNumber(); ; number++)
        {
            try
            {
                file = new FileStream(Path.Combine(folder, $"{Prefix}{number:00}.txt"), FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 1 << 16);
                return file;
            }
            catch (IOException) when (File.Exists(Path.Combine(folder, $"{Prefix}{number:00}.txt")))
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

    protected override bool OnShutdown(int timeoutMilliseconds)
    {
        lock (gate)
        {
            shutDown = true;
            writer?.Dispose();
            writer = null;
            try
            {
                Close();
            }
            catch (IOException e)
            {
                // The end of the log lost (a full disk, say) is said, as a failed export is; the shutdown goes on.
                logger.DebugLogUnwritable(folder, e.Message);
            }
        }
        return true;
    }

    /// <summary>The file done with: what it still has in the page cache is released too, since the log is never read back here.</summary>
    private void Close()
    {
        if (file is null)
        {
            return;
        }
        // Set to null first: a failure to write the rest must not leave a closed stream in use, and the next file starts uncached.
        var (done, from) = (file, cachedFrom);
        (file, cachedFrom) = (null, 0);
        try
        {
            WrittenFilePages.Release(done, from);
        }
        finally
        {
            done.Dispose();
        }
    }
}
