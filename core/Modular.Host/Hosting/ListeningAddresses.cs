using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Modular.Host.Hosting;

/// <summary>Where a started application's Kestrel listens, as Kestrel reports it (the port it picked for port 0 too).</summary>
internal static class ListeningAddresses
{
    public static IReadOnlyList<Uri> Of(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(address => new Uri(address)).ToList();
}
