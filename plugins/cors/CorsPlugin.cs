using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Modular.Abstractions;
using Modular.Plugins.Cors;

[assembly: ModularPlugin(typeof(CorsPlugin), Settings = [typeof(CorsOptions)])]

namespace Modular.Plugins.Cors;

/// <summary>4D's CORS service: cross-origin requests from the listed hosts and methods are allowed, others get 403.</summary>
public sealed class CorsPlugin : IModularPlugin
{
    public string Name => "cors";

    public void ConfigureServices(IPluginContext context, IServiceCollection services)
    {
    }

    public void Configure(IPipelineBuilder pipeline) =>
        pipeline.Use(PipelineStage.CrossOrigin, app => app.UseMiddleware<CorsMiddleware>());
}
