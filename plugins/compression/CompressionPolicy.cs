using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Modular.Plugins.Compression;

/// <summary>Which coding a request gets, and which responses are worth compressing.</summary>
internal sealed class CompressionPolicy(IOptionsMonitor<CompressionOptions> options)
{
    public CompressionOptions Current => options.CurrentValue;

    /// <summary>The coding <paramref name="request"/> accepts best, or null: none accepted, or a range asked (ranges are of the identity bytes).</summary>
    public static ContentCoding? Choose(HttpRequest request)
    {
        var headers = request.Headers;
        if (headers.ContainsKey(HeaderNames.Range))
        {
            return null;
        }
        var accept = headers.AcceptEncoding;
        return accept.Count switch
        {
            0 => null,
            1 => NegotiateRemembered(accept[0]!),
            _ => Negotiate(accept.ToString()),
        };
    }

    // Clients send the same few Accept-Encoding values over and over (and the cached path asks
    // twice per request): the last answer is kept, swapped whole so readers never mix two.
    private static Negotiated last = new("", null);

    private static ContentCoding? NegotiateRemembered(string acceptEncoding)
    {
        var known = Volatile.Read(ref last);
        if (string.Equals(known.AcceptEncoding, acceptEncoding, StringComparison.Ordinal))
        {
            return known.Coding;
        }
        var coding = Negotiate(acceptEncoding);
        Volatile.Write(ref last, new Negotiated(acceptEncoding, coding));
        return coding;
    }

    private sealed record Negotiated(string AcceptEncoding, ContentCoding? Coding);

    /// <summary>The accepted coding with the highest weight; among equal weights, the first of <see cref="ContentCoding.All"/>.</summary>
    /// <remarks>A coding not named takes the weight of '*' if present; q=0 refuses it (RFC 9110 § 12.5.3).</remarks>
    public static ContentCoding? Negotiate(ReadOnlySpan<char> acceptEncoding)
    {
        Span<double> weights = stackalloc double[ContentCoding.All.Count];
        weights.Fill(-1);
        var anyWeight = -1.0;
        foreach (var range in acceptEncoding.Split(','))
        {
            var item = acceptEncoding[range].Trim();
            var semicolon = item.IndexOf(';');
            var name = (semicolon < 0 ? item : item[..semicolon]).Trim();
            var weight = semicolon < 0 ? 1.0 : Weight(item[(semicolon + 1)..]);
            if (name is "*")
            {
                anyWeight = weight;
                continue;
            }
            for (var i = 0; i < weights.Length; i++)
            {
                if (name.Equals(ContentCoding.All[i].Name, StringComparison.OrdinalIgnoreCase))
                {
                    weights[i] = weight;
                }
            }
        }
        ContentCoding? best = null;
        var bestWeight = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            var weight = weights[i] < 0 ? anyWeight : weights[i];
            if (weight > bestWeight)
            {
                best = ContentCoding.All[i];
                bestWeight = weight;
            }
        }
        return best;
    }

    private static double Weight(ReadOnlySpan<char> parameters)
    {
        foreach (var range in parameters.Split(';'))
        {
            var parameter = parameters[range].Trim();
            if (parameter.Length > 2 && (parameter[0] is 'q' or 'Q') && parameter[1] == '=')
            {
                return double.TryParse(parameter[2..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var q) && q is >= 0 and <= 1 ? q : 0;
            }
        }
        return 1;
    }

    /// <summary>Whether a response of this type gains from compression: not images, audio, video, fonts, archives or event streams.</summary>
    public static bool IsCompressible(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }
        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var media = (semicolon < 0 ? contentType.AsSpan() : contentType.AsSpan(0, semicolon)).Trim();
        if (media.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
        {
            // Server-sent events are read as they arrive; a compressor would hold them back.
            return !media.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase);
        }
        if (media.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            return media.Equals("image/svg+xml", StringComparison.OrdinalIgnoreCase)
                || media.Equals("image/x-icon", StringComparison.OrdinalIgnoreCase)
                || media.Equals("image/bmp", StringComparison.OrdinalIgnoreCase);
        }
        if (media.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) || media.StartsWith("video/", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        foreach (var compressed in AlreadyCompressed)
        {
            if (media.Equals(compressed, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }
        return true;
    }

    private static readonly string[] AlreadyCompressed =
    [
        "application/octet-stream", "application/zip", "application/x-zip-compressed", "application/gzip", "application/x-gzip", "application/x-bzip2",
        "application/x-xz", "application/zstd", "application/x-7z-compressed", "application/vnd.rar", "application/x-rar-compressed",
        "application/java-archive", "application/pdf", "application/wasm", "font/woff", "font/woff2", "application/font-woff",
    ];
}
