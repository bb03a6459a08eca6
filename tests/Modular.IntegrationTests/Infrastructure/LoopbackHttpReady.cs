using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace Modular.IntegrationTests.Infrastructure;

/// <summary>Ready when a GET of <paramref name="path"/> on the container's port, published on 127.0.0.1, answers 200.</summary>
/// <remarks>Testcontainers' own HTTP wait asks the engine's host name, which may resolve to [::1] where nothing is published.</remarks>
internal sealed class LoopbackHttpReady(int port, string path) : IWaitUntil
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(2) };

    public async Task<bool> UntilAsync(IContainer container)
    {
        try
        {
            using var response = await Client.GetAsync(new Uri(container.Address(port), path.TrimStart('/')));
            return (int)response.StatusCode == 200;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
