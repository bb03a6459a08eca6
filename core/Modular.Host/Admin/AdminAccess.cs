using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Modular.Host.Connection;

namespace Modular.Host.Admin;

/// <summary>Who may call the admin API: loopback callers when no token is set; with a token, every caller that presents it (the
/// admin page's own files and the health probes excepted).</summary>
internal sealed class AdminAccess(RequestDelegate next, IOptionsMonitor<AdminSettings> settings)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method) && AdminHealth.IsProbe(context.Request.Path))
        {
            // Load balancers and Kubernetes probe from other addresses, without the token; the answer is one word.
            return next(context);
        }
        var token = settings.CurrentValue.adminToken;
        if (token.Length == 0)
        {
            return LoopbackAddress.Is(context.Connection.RemoteIpAddress)
                ? next(context)
                : AdminJson.ErrorAsync(context, StatusCodes.Status403Forbidden, "the admin API answers loopback callers only; set adminToken to allow others");
        }
        if (HttpMethods.IsGet(context.Request.Method) && AdminPage.IsPageFile(context.Request.Path))
        {
            // The page itself: it asks for the token and sends it with every call it makes.
            return next(context);
        }
        if (!Presents(context.Request.Headers.Authorization.ToString(), token))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return AdminJson.ErrorAsync(context, StatusCodes.Status401Unauthorized, "missing or wrong bearer token (Authorization: Bearer <adminToken>)");
        }
        return next(context);
    }

    /// <summary>Compares in constant time: hashing first makes the time independent of lengths and of where the texts differ.</summary>
    private static bool Presents(string authorization, string token)
    {
        const string scheme = "Bearer ";
        var presented = authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? authorization[scheme.Length..].Trim() : "";
        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)),
            SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }
}
