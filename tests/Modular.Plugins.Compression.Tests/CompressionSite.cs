using System.IO.Compression;
using System.Text;
using Modular.Testing;

namespace Modular.Plugins.Compression.Tests;

/// <summary>An HTML root with pages above and below the threshold and already-compressed files, and the codings' decoders.</summary>
internal static class CompressionSite
{
    /// <summary>About 100 KB of HTML that compresses the way real pages do (repeated markup, varying text).</summary>
    public static string BigPage { get; } = "<!doctype html><ul>\n" + string.Concat(Enumerable.Range(0, 2500).Select(i => $"<li class=\"item\">Item {i}: {i * 7919 % 10007}</li>\n")) + "</ul>\n";

    public static string SmallPage { get; } = "<p>" + new string('s', 500) + "</p>";

    public static void WriteInto(TempFolder folder)
    {
        folder.Write("WebFolder/big.html", BigPage);
        folder.Write("WebFolder/small.html", SmallPage);
        var random = new byte[8192];
        new Random(7).NextBytes(random);
        File.WriteAllBytes(folder.Combine("WebFolder", "photo.png"), random);
        File.WriteAllBytes(folder.Combine("WebFolder", "archive.zip"), random);
        folder.Write("WebFolder/style.css", string.Concat(Enumerable.Repeat(".a { color: red; }\n", 200)));
    }

    public static async Task<TestServer> StartAsync(TempFolder folder, params string[] settings)
    {
        WriteInto(folder);
        return await TestServer.StartAsync(folder, null, ["--pluginsFolder", folder.PluginsWith("compression", "probe"), .. settings]);
    }

    public static async Task<HttpResponseMessage> GetAsync(TestServer server, string path, string? acceptEncoding, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await server.Client.SendAsync(request);
    }

    /// <summary>The Content-Length header as sent (HttpClient makes one up from a buffered body when there was none).</summary>
    public static string? SentContentLength(HttpResponseMessage response) =>
        response.Content.Headers.NonValidated.TryGetValues("Content-Length", out var values) ? values.ToString() : null;

    public static byte[] Decode(string coding, byte[] encoded)
    {
        using var input = new MemoryStream(encoded);
        using Stream decoder = coding switch
        {
            "gzip" => new GZipStream(input, CompressionMode.Decompress),
            "deflate" => new ZLibStream(input, CompressionMode.Decompress),
            "br" => new BrotliStream(input, CompressionMode.Decompress),
            "zstd" => new ZstdSharp.DecompressionStream(input),
            _ => throw new ArgumentException(coding, nameof(coding)),
        };
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    public static string DecodeText(string coding, byte[] encoded) => Encoding.UTF8.GetString(Decode(coding, encoded));

    public static byte[] Encode(string coding, byte[] content, CompressionLevel level = CompressionLevel.Fastest)
    {
        using var output = new MemoryStream();
        using (Stream encoder = coding switch
        {
            "gzip" => new GZipStream(output, level, leaveOpen: true),
            "deflate" => new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true),
            "br" => new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true),
            "zstd" => new ZstdSharp.CompressionStream(output, 1, leaveOpen: true),
            _ => throw new ArgumentException(coding, nameof(coding)),
        })
        {
            encoder.Write(content);
        }
        return output.ToArray();
    }
}
