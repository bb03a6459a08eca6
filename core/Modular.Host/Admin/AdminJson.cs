using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Modular.Host.Admin;

/// <summary>The admin API's one answer shape: JSON, errors as {"errors": [...]}.</summary>
internal static class AdminJson
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static Task WriteAsync(HttpContext context, JsonNode body, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(body.ToJsonString(Options), context.RequestAborted);
    }

    public static Task ErrorAsync(HttpContext context, int status, params IEnumerable<string> errors) =>
        WriteAsync(context, new JsonObject { ["errors"] = Texts(errors) }, status);

    /// <summary>A JSON array of texts (errors, keys, addresses).</summary>
    public static JsonArray Texts(IEnumerable<string> texts) => new([.. texts.Select(text => (JsonNode)text)]);

    /// <summary>A setting's value as JSON (numbers as numbers, lists as arrays).</summary>
    public static JsonNode? Value(object? value) => value is null ? null : JsonSerializer.SerializeToNode(value, value.GetType());
}
