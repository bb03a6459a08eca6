using System.Text.Json.Nodes;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;
using Modular.IntegrationTests.Infrastructure;
using Modular.Testing;

namespace Modular.IntegrationTests;

/// <summary>Scale-out with the Redis store: two Modular instances share one Redis behind a third Modular balancing them round-robin.</summary>
public sealed class SharedSessionTests : ContainerTests
{
    [Fact]
    public async Task A_session_written_through_one_instance_is_read_through_the_other_behind_a_round_robin_proxy()
    {
        var redis = Track(ModularContainer.Redis(Network));
        await redis.StartAsync();
        await Task.WhenAll(StartAppAsync("app1"), StartAppAsync("app2"));
        var proxy = await StartProxyAsync();
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false });

        using var written = await client.GetAsync(new Uri(proxy.Address(80), "session/set?key=cart&value=3 books"));
        var cookie = written.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        using var read = new HttpRequestMessage(HttpMethod.Get, new Uri(proxy.Address(80), "session/get?key=cart"));
        read.Headers.Add("Cookie", cookie);
        using var answer = await client.SendAsync(read);

        Assert.StartsWith("4DSID_Modular=", cookie, StringComparison.Ordinal);
        Assert.Equal("3 books", await answer.Content.ReadAsStringAsync());
        Assert.False(answer.Headers.Contains("Set-Cookie") && answer.Headers.GetValues("Set-Cookie").Single().Split(';')[0] != cookie, "the second instance made a new session");
        var servers = new[] { written, answer }.Select(response => response.Headers.GetValues("X-Served-By").Single()).ToList();
        Assert.Equal(["app1", "app2"], servers.Order(StringComparer.Ordinal));
    }

    private async Task StartAppAsync(string name)
    {
        var app = Track(ModularContainer.Create(Network)
            .WithNetworkAliases(name)
            .WithHostname(name)
            .WithBindMount(Path.Combine(RepoPaths.TestPlugins, "sessionapp"), "/opt/modular/plugins/sessionapp", AccessMode.ReadOnly)
            .WithEnvironment("MODULAR_plugins", "sessions,sessionapp")
            .WithEnvironment("MODULAR_sessionStore", "redis")
            .WithEnvironment("MODULAR_sessionRedisConfiguration", "redis:6379")
            .WithWaitStrategy(Wait.ForUnixContainer().UntilMessageIsLogged("Sessions are kept in Redis at redis:6379"))
            .Build());
        await app.StartAsync();
    }

    /// <summary>The third Modular, no plugins, a ReverseProxy section sending everything to app1 and app2 in turn.</summary>
    private async Task<IContainer> StartProxyAsync()
    {
        var destinations = new JsonObject
        {
            ["app1"] = new JsonObject { ["Address"] = "http://app1:80/" },
            ["app2"] = new JsonObject { ["Address"] = "http://app2:80/" },
        };
        var settings = new JsonObject
        {
            ["plugins"] = "",
            ["ReverseProxy"] = new JsonObject
            {
                ["Routes"] = new JsonObject { ["all"] = new JsonObject { ["ClusterId"] = "apps", ["Match"] = new JsonObject { ["Path"] = "/{**catch-all}" } } },
                ["Clusters"] = new JsonObject { ["apps"] = new JsonObject { ["LoadBalancingPolicy"] = "RoundRobin", ["Destinations"] = destinations } },
            },
        };
        var config = Folder.Write("proxy/modular.json", settings.ToJsonString());
        File.SetUnixFileMode(Path.GetDirectoryName(config)!, (UnixFileMode)0b111_101_101);
        var proxy = Track(ModularContainer.Create(Network)
            .WithBindMount(Path.GetDirectoryName(config)!, "/srv/modular/config", AccessMode.ReadOnly)
            .WithLoopbackPorts(80)
            .WithWaitStrategy(Wait.ForUnixContainer().AddCustomWaitStrategy(new LoopbackHttpReady(80, "/plain")))
            .Build());
        await proxy.StartAsync();
        return proxy;
    }
}
