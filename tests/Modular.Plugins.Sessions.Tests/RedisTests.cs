using System.Net;
using Modular.Testing;

namespace Modular.Plugins.Sessions.Tests;

/// <summary>Base of the tests that need a redis-server of their own: started before each test, killed after it.</summary>
public abstract class RedisTests : FolderTests, IAsyncLifetime
{
    internal RedisServer Redis { get; private set; } = null!;

    public async Task InitializeAsync() => Redis = await RedisServer.StartAsync();

    public async Task DisposeAsync() => await Redis.DisposeAsync();

    /// <summary>The store settings that point a server at <see cref="Redis"/>.</summary>
    internal string[] RedisStore => ["--sessionStore", "redis", "--sessionRedisConfiguration", Redis.Configuration];

    /// <summary>GETs <paramref name="path"/> every 100 ms until it answers 200 (at most 20 s, while the plugin reconnects); the last status.</summary>
    internal static async Task<HttpStatusCode> StatusOnceReconnectedAsync(HttpClient client, string path)
    {
        var status = HttpStatusCode.ServiceUnavailable;
        for (var i = 0; i < 200 && status != HttpStatusCode.OK; i++)
        {
            await Task.Delay(100);
            using var response = await client.GetAsync(path);
            status = response.StatusCode;
        }
        return status;
    }
}
