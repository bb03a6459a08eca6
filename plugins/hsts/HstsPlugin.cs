using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Modular.Abstractions;
using Modular.Plugins.Hsts;

[assembly: ModularPlugin(typeof(HstsPlugin), Settings = [typeof(HstsOptions)])]

namespace Modular.Plugins.Hsts;

/// <summary>4D's HSTS: browsers told to use HTTPS only, and optionally HTTP redirected to HTTPS.</summary>
public sealed class HstsPlugin : IModularPlugin
{
    public string Name => "hsts";

    public void ConfigureServices(IPluginContext context, IServiceCollection services)
    {
    }

    public void Configure(IPipelineBuilder pipeline) =>
        pipeline.Use(PipelineStage.TransportSecurity, app => app.UseMiddleware<HstsMiddleware>());
}
