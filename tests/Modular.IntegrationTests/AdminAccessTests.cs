using DotNet.Testcontainers.Builders;
using Modular.IntegrationTests.Infrastructure;

namespace Modular.IntegrationTests;

/// <summary>The admin API from another machine: a client container on the test's network, at a non-loopback address.</summary>
public sealed class AdminAccessTests : ContainerTests
{
    private const string Token = "a-token-for-the-container-test";

    /// <summary>Starts Modular with the admin API on every address, then asks it from a client container: the status codes, in order.</summary>
    private async Task<string> AskFromAnotherContainerAsync(string? token, params string[][] curlHeaders)
    {
        var server = ModularContainer.Create(Network)
            .WithNetworkAliases("modular")
            .WithEnvironment("MODULAR_adminAddress", "0.0.0.0:2080")
            .WithWaitStrategy(Wait.ForUnixContainer().UntilContainerIsHealthy());
        if (token is not null)
        {
            server = server.WithEnvironment("MODULAR_adminToken", token);
        }
        await Track(server.Build()).StartAsync();
        // One curl per request: each with its own headers, codes printed one after another.
        var script = string.Join("; ", curlHeaders.Select(headers =>
            "curl -s -o /dev/null -w '%{http_code} ' " + string.Join(" ", headers.Select(header => $"-H '{header}'")) + " http://modular:2080/settings"));
        var client = Track(ModularContainer.Create(Network, ModularContainer.ClientImage).WithCommand("sh", "-c", script).Build());
        var (exitCode, output) = await ModularContainer.RunToExitAsync(client);
        Assert.Equal(0, exitCode);
        return output;
    }

    [Fact]
    public async Task Without_a_token_a_caller_that_is_not_on_loopback_is_refused()
    {
        Assert.Equal("403 ", await AskFromAnotherContainerAsync(null, [[]]));
    }

    [Fact]
    public async Task With_a_token_a_remote_caller_needs_the_right_one()
    {
        var codes = await AskFromAnotherContainerAsync(Token, [], ["Authorization: Bearer wrong-token-of-enough-length"], [$"Authorization: Bearer {Token}"]);
        Assert.Equal("401 401 200 ", codes);
    }
}
