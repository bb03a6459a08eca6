using Modular.Testing;

namespace Modular.Plugins.Sessions.Tests;

/// <summary>A server with the sessions plugin and an application using it, and clients that show the cookies as sent.</summary>
internal static class SessionSite
{
    public const string CookieName = "4DSID_Modular";

    public static Task<TestServer> StartAsync(TempFolder folder, TimeProvider? clock = null, params string[] settings) =>
        TestServer.StartAsync(folder, null, clock ?? TimeProvider.System, ["--pluginsFolder", folder.PluginsWith("sessions", "sessionapp"), .. settings]);

    /// <summary>A client that keeps no cookies of its own (the tests send them), connecting from <paramref name="localAddress"/> (127.0.0.1 by default).</summary>
    public static HttpClient Client(TestServer server, string localAddress = "127.0.0.1") => LoopbackClient.From(localAddress, server.Client.BaseAddress!);

    /// <summary>GETs <paramref name="path"/> carrying the session cookie <paramref name="id"/> (none when null).</summary>
    public static async Task<(string Body, string? SetCookie)> GetAsync(HttpClient client, string path, string? id = null, string cookieName = CookieName)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (id is not null)
        {
            request.Headers.Add("Cookie", $"{cookieName}={id}");
        }
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var setCookie = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Single() : null;
        return (await response.Content.ReadAsStringAsync(), setCookie);
    }

    /// <summary>The id a Set-Cookie header gives.</summary>
    public static string IdOf(string? setCookie, string cookieName = CookieName)
    {
        Assert.NotNull(setCookie);
        Assert.StartsWith(cookieName + "=", setCookie, StringComparison.Ordinal);
        return setCookie[(cookieName.Length + 1)..].Split(';')[0];
    }
}
