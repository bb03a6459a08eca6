using System.Diagnostics;
using System.Text;
using Modular.Host.Telemetry;

namespace Modular.Host.Tests.Telemetry;

/// <summary>The debug log's lines between the threads that end spans and the file's writer: which file each goes to, when a
/// part-filled chunk is written, and what happens when the writer falls behind.</summary>
public sealed class DebugLogChunksTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private static byte[] Line(char fill, int length) => Encoding.ASCII.GetBytes(new string(fill, length - 1) + "\n");

    private static string Text(DebugLogChunks.Chunk chunk) => Encoding.ASCII.GetString(chunk.Bytes, 0, chunk.Length);

    [Fact]
    public void The_line_that_finds_the_file_at_its_limit_begins_the_next_file_and_no_line_is_split()
    {
        var chunks = new DebugLogChunks();
        foreach (var fill in "abcd")
        {
            Assert.True(chunks.TryAppend(Line(fill, 400), fileLimit: 1000));
        }

        // 400, 800, 1200 bytes: the third line still goes to the first file, which is then past 1000; the fourth opens the next.
        var first = chunks.Take(Interval)!;
        var second = chunks.Take(Interval)!;
        Assert.False(first.StartsNextFile);
        Assert.Equal(new string('a', 399) + "\n" + new string('b', 399) + "\n" + new string('c', 399) + "\n", Text(first));
        Assert.True(second.StartsNextFile);
        Assert.Equal(new string('d', 399) + "\n", Text(second));
    }

    [Fact]
    public void A_part_filled_chunk_waits_the_flush_interval_and_a_line_longer_than_a_chunk_stays_whole()
    {
        var chunks = new DebugLogChunks();
        var clock = Stopwatch.StartNew();
        Assert.True(chunks.TryAppend(Line('x', 100_000), fileLimit: long.MaxValue));

        var chunk = chunks.Take(Interval)!;

        Assert.True(clock.Elapsed >= Interval - TimeSpan.FromMilliseconds(20), $"handed over after {clock.Elapsed}, before the interval");
        Assert.Equal(100_000, chunk.Length);
        Assert.Equal(new string('x', 99_999) + "\n", Text(chunk));
    }

    [Fact]
    public void Lines_are_refused_while_the_writer_is_behind_by_the_limit_and_taken_again_once_it_caught_up()
    {
        var chunks = new DebugLogChunks(waitingLimit: 300_000);
        var line = Line('y', 100_000);
        for (var i = 0; i < 3; i++)
        {
            Assert.True(chunks.TryAppend(line, fileLimit: long.MaxValue));
        }

        Assert.False(chunks.TryAppend(line, fileLimit: long.MaxValue));
        var taken = chunks.Take(Interval)!;
        chunks.Release(taken);
        Assert.True(chunks.TryAppend(line, fileLimit: long.MaxValue));
    }

    [Fact]
    public void Closing_hands_over_what_is_left_then_ends_the_writer_and_refuses_lines()
    {
        var chunks = new DebugLogChunks();
        Assert.True(chunks.TryAppend(Line('z', 10), fileLimit: long.MaxValue));
        chunks.Close();

        var rest = chunks.Take(Interval);
        Assert.Equal(new string('z', 9) + "\n", Text(rest!));
        Assert.Null(chunks.Take(Interval));
        Assert.False(chunks.TryAppend(Line('z', 10), fileLimit: long.MaxValue));
    }

    [Fact]
    public void Drain_returns_once_the_writer_released_everything_and_not_before()
    {
        var chunks = new DebugLogChunks();
        Assert.True(chunks.TryAppend(Line('w', 10), fileLimit: long.MaxValue));
        Assert.False(chunks.Drain(TimeSpan.FromMilliseconds(50)));

        var writer = new Thread(() =>
        {
            while (chunks.Take(Interval) is { } chunk)
            {
                chunks.Release(chunk);
            }
        }) { IsBackground = true };
        writer.Start();

        Assert.True(chunks.Drain(TimeSpan.FromSeconds(10)));
        chunks.Close();
        Assert.True(writer.Join(TimeSpan.FromSeconds(10)));
    }
}
