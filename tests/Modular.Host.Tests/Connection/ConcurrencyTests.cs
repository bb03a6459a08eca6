using Modular.Testing;

namespace Modular.Host.Tests.Connection;

public sealed class ConcurrencyTests : FolderTests
{
    [Fact]
    public async Task At_the_maximum_minus_one_in_flight_new_requests_get_503_with_retry_after_and_are_counted()
    {
        await using var server = await TestServer.StartAsync(Folder, null, "--pluginsFolder", Folder.PluginsWith("probe"), "--maxConcurrentProcesses", "10");
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 50 }) { BaseAddress = server.Client.BaseAddress };

        // 20 requests that each stay 3 s in flight: 9 get a permit (10 minus one), the 11 others are refused at once.
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetAsync("/slow?ms=3000")));

        Assert.Equal(9, responses.Count(r => (int)r.StatusCode == 200));
        var refused = responses.Where(r => (int)r.StatusCode == 503).ToList();
        Assert.Equal(11, refused.Count);
        Assert.All(refused, r => Assert.Equal("1", r.Headers.RetryAfter?.ToString()));
        Assert.Equal(200, (int)(await server.Client.GetAsync("/")).StatusCode);
        Assert.Equal("11", StatisticsPage.Value(await server.Client.GetStringAsync("/4DSTATS"), "Requests Refused (503)"));

        // Every answered request gave its place back, whether it finished at once or later.
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(200, (int)(await server.Client.GetAsync("/")).StatusCode);
        }
        var again = await Task.WhenAll(Enumerable.Range(0, 9).Select(_ => client.GetAsync("/slow?ms=300")));
        Assert.All(again, r => Assert.Equal(200, (int)r.StatusCode));
    }

    [Fact]
    public async Task MaxConcurrentProcesses_outside_10_to_32000_is_refused()
    {
        var error = Assert.Single(await TestServer.StartFailsAsync(Folder, null, "--maxConcurrentProcesses", "5"));

        Assert.Equal("core: maxConcurrentProcesses = '5' (from command line --maxConcurrentProcesses): must be 10..32000.", error);
    }
}
