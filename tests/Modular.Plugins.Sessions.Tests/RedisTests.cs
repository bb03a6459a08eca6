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
}
