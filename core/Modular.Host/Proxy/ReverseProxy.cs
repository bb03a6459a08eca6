using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Modular.Host.Hosting;
using Yarp.ReverseProxy.Configuration;

namespace Modular.Host.Proxy;

/// <summary>The Proxy stage: YARP, for every request the earlier stages did not answer (ARCHITECTURE.md, pipeline stages).</summary>
internal static class ReverseProxy
{
    /// <summary>YARP over <paramref name="section"/>; the caller registers the section itself as a service.</summary>
    public static void AddServices(IServiceCollection services, ReverseProxySection section)
    {
        services.AddSingleton<IConfigChangeListener, ProxyConfigReport>();
        services.AddReverseProxy().LoadFromConfig(section.Section);
    }

    /// <summary>Routing starts here, after the static content: were it at the start of the pipeline (where WebApplication
    /// puts it by default), a catch-all route would win over an existing file (notes/platform.md § 4).</summary>
    public static void Use(WebApplication app)
    {
        app.UseRouting();
        try
        {
            // YARP loads the section here, the first time: an invalid one stops the start.
            app.MapReverseProxy();
        }
        catch (InvalidOperationException e)
        {
            var file = app.Services.GetRequiredService<ReverseProxySection>().SettingsFile;
            throw new StartupException([$"{ReverseProxySection.Name} section of {file}: {ProxyErrors.Describe(e.InnerException ?? e)}"], e);
        }
    }
}
