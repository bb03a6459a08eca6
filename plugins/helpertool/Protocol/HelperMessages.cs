using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Modular.Plugins.HelperTool.Protocol;

/// <summary>The helper's wire format: one JSON object per line, in each direction, at most <see cref="MaxLength"/> bytes.</summary>
public static partial class HelperMessages
{
    /// <summary>The longest line either side accepts, newline included: a request is about 40 bytes, so a longer one is garbage
    /// or an attack on the root process's memory.</summary>
    public const int MaxLength = 1024;

    public static byte[] Encode(HelperRequest request) => Line(JsonSerializer.SerializeToUtf8Bytes(request, WireJson.Default.HelperRequest));

    public static byte[] Encode(HelperAnswer answer) => Line(JsonSerializer.SerializeToUtf8Bytes(answer, WireJson.Default.HelperAnswer));

    /// <summary>The request in one line (newline excluded), or null with <paramref name="problem"/> saying what is wrong with it.</summary>
    public static HelperRequest? DecodeRequest(ReadOnlySpan<byte> line, out string? problem)
    {
        try
        {
            var request = JsonSerializer.Deserialize(line, WireJson.Default.HelperRequest);
            problem = request is null ? "the request is null; expected {\"address\":\"127.0.0.1\",\"port\":80}" : null;
            return request;
        }
        catch (JsonException e)
        {
            problem = $"the request is not {{\"address\":\"…\",\"port\":N}}: {e.Message}";
            return null;
        }
    }

    public static HelperAnswer DecodeAnswer(ReadOnlySpan<byte> line)
    {
        try
        {
            return JsonSerializer.Deserialize(line, WireJson.Default.HelperAnswer) ?? new HelperAnswer("the helper answered null");
        }
        catch (JsonException)
        {
            return new HelperAnswer($"the helper answered something else than its protocol: {Encoding.UTF8.GetString(line)}");
        }
    }

    private static byte[] Line(byte[] json) => [.. json, (byte)'\n'];

    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true, RespectNullableAnnotations = true)]
    [JsonSerializable(typeof(HelperRequest))]
    [JsonSerializable(typeof(HelperAnswer))]
    private sealed partial class WireJson : JsonSerializerContext;
}
