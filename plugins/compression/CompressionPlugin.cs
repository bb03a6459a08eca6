using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Modular.Abstractions;
using Modular.Plugins.Compression;

[assembly: ModularPlugin(typeof(CompressionPlugin), Settings = [typeof(CompressionOptions)])]

namespace Modular.Plugins.Compression;

/// <summary>4D's HTTP compression: responses compressed for clients that accept it, compressed request bodies decoded.</summary>
public sealed class CompressionPlugin : IModularPlugin
{
    public string Name => "compression";

    public void ConfigureServices(IPluginContext context, IServiceCollection services) =>
        services.AddSingleton<CompressionPolicy>().AddSingleton<IPageEncoder, CachedPageEncoder>();

    public void Configure(IPipelineBuilder pipeline) =>
        pipeline.Use(PipelineStage.Encoding, app => app.UseMiddleware<CompressionMiddleware>());
}
