using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Modular.Testing;

namespace Modular.Host.Tests.Admin;

/// <summary>Persisted changes are written atomically: killing the process while it writes leaves the old file or the new one, never a broken one.</summary>
public sealed class PersistKillTests : FolderTests
{
    [Fact]
    public async Task Killing_the_server_during_persisted_changes_leaves_a_valid_settings_file()
    {
        Folder.Write("modular.json", "{ \"staticCacheSize\": 1, \"characterSet\": \"UTF-8\" }");
        var admin = "127.0.0.1:" + FreePort.Next().ToString(CultureInfo.InvariantCulture);
        using var modular = RunningModular.Start(Folder.Path, "--IPAddressToListen", "127.0.0.1", "--HTTPPort", FreePort.Next().ToString(CultureInfo.InvariantCulture), "--adminAddress", admin, "--plugins=");
        using var client = new HttpClient { BaseAddress = new Uri($"http://{admin}/"), Timeout = TimeSpan.FromSeconds(5) };
        await WaitForAdminAsync(client);
        var firstPersisted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var writes = WriteRepeatedlyAsync(client, firstPersisted);
        // The kill lands while writes go on: after the first one got through (a cold server takes a while to answer its first,
        // longer than a fixed delay on a slow machine), then a little later, mid-stream.
        var started = await Task.WhenAny(firstPersisted.Task, Task.Delay(TimeSpan.FromSeconds(15))) == firstPersisted.Task;
        Assert.True(started, "no persisted change got through within 15 s");
        await Task.Delay(200);
        modular.Process.Kill();
        await modular.Process.WaitForExitAsync();
        var sizes = await writes;
        Assert.True(sizes > 0, "no persisted change got through before the kill");

        var file = JsonNode.Parse(await File.ReadAllTextAsync(Folder.Combine("modular.json")))!.AsObject();
        Assert.InRange((int)file["staticCacheSize"]!, 1, 2048);
        Assert.Equal(["staticCacheSize", "characterSet"], file.Select(pair => pair.Key));
    }

    private static async Task WaitForAdminAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync("server");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Persists a changing value again and again (at most 2000 times) until the server is gone; how many got through.
    /// <paramref name="firstPersisted"/> completes when the first one did.</summary>
    private static async Task<int> WriteRepeatedlyAsync(HttpClient client, TaskCompletionSource firstPersisted)
    {
        var done = 0;
        for (var i = 1; i <= 2000; i++)
        {
            try
            {
                using var response = await client.PatchAsync("settings?persist=true",
                    new StringContent($$"""{ "staticCacheSize": {{1 + i % 2000}} }""", Encoding.UTF8, "application/json"));
                if ((await response.Content.ReadFromJsonAsync<JsonNode>())!["persisted"] is not null)
                {
                    done++;
                    firstPersisted.TrySetResult();
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                return done;
            }
        }
        return done;
    }
}
