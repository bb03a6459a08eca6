using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Modular.Abstractions;
using Modular.Host.Settings;

namespace Modular.Host.Listening;

/// <summary>Configures Kestrel's listeners from the settings: the endpoints, TLS on the secure ones, and our socket binder.</summary>
internal static class KestrelListeners
{
    public static void Configure(IWebHostBuilder host, IReadOnlyList<ListenEndpoint> endpoints, ConnectionSettings connections, TlsCertificate? tls)
    {
        host.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Read by Kestrel when a connection opens: a change reaches connections opened after it.
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(connections.keepAliveTimeout);
            kestrel.Limits.MaxRequestBodySize = connections.maxRequestSize;
            foreach (var endpoint in endpoints)
            {
                void Secure(ListenOptions listen)
                {
                    if (endpoint.Secure)
                    {
                        listen.UseHttps(tls!.KestrelOptions);
                    }
                }
                if (endpoint.Address is null)
                {
                    kestrel.ListenAnyIP(endpoint.Port, Secure);
                }
                else
                {
                    kestrel.Listen(endpoint.Address, endpoint.Port, Secure);
                }
            }
        });
        host.UseSockets();
        // Through the services: the plugins' socket providers are services too.
        host.ConfigureServices(services => services.AddOptions<SocketTransportOptions>()
            .Configure<IEnumerable<IListenSocketProvider>>((sockets, plugins) =>
                sockets.CreateBoundListenSocket = new ListenSocketBinder(endpoints, [SystemdSocketActivation.Inherited, .. plugins]).Bind));
    }
}
