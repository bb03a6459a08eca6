using System.Net;

namespace Modular.Testing;

/// <summary>Waiting, within a bound, for a server to answer as expected while it changes (restarts, reconnects).</summary>
internal static class Polling
{
    /// <summary>GETs <paramref name="path"/> every 100 ms until it answers <paramref name="expected"/> (at most <paramref name="seconds"/>;
    /// a server starting again may refuse connections meanwhile); the last status and body.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> UntilStatusAsync(HttpClient client, string path, HttpStatusCode expected, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        var last = (HttpStatusCode.ServiceUnavailable, "");
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
            try
            {
                using var response = await client.GetAsync(path);
                last = (response.StatusCode, await response.Content.ReadAsStringAsync());
                if (response.StatusCode == expected)
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
            }
        }
        return last;
    }

    /// <summary>Checks <paramref name="condition"/> every 50 ms until it holds (at most <paramref name="seconds"/>); the caller
    /// asserts what it waited for.</summary>
    public static async Task UntilAsync(Func<bool> condition, int seconds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
    }
}
