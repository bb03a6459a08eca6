namespace Modular.Abstractions;

/// <summary>Entity tags of encoded variants: each coding of a representation needs a tag of its own (RFC 9110 § 8.8.3).</summary>
/// <remarks>One rule for the cache and the compression plugin, so a tag one of them sent is recognised by the other.</remarks>
public static class EntityTag
{
    /// <summary><c>"abc"</c> becomes <c>"abc-gzip"</c> (<c>W/"abc"</c> becomes <c>W/"abc-gzip"</c>); anything not a quoted tag is returned as it is.</summary>
    public static string WithCoding(string tag, string coding) =>
        tag.Length >= 2 && tag[^1] == '"' ? string.Concat(tag.AsSpan(0, tag.Length - 1), "-", coding, "\"") : tag;

    /// <summary>The identity tag of a tag made by <see cref="WithCoding"/> for <paramref name="coding"/>, or null when it is not one.</summary>
    public static string? WithoutCoding(ReadOnlySpan<char> tag, string coding)
    {
        var suffixLength = coding.Length + 2;
        if (tag.Length < suffixLength + 2 || tag[^1] != '"' || tag[^suffixLength] != '-'
            || !tag[^(suffixLength - 1)..^1].Equals(coding, StringComparison.Ordinal))
        {
            return null;
        }
        return string.Concat(tag[..^suffixLength], "\"");
    }
}
