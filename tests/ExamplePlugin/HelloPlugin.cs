using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Modular.Abstractions;

// The loader reads this attribute: the entry type, and the settings classes whose keys the plugin owns.
[assembly: ModularPlugin(typeof(Hello.HelloPlugin), Settings = [typeof(Hello.HelloSettings)])]

namespace Hello;

/// <summary>The example plugin of the README: one setting class, one middleware, one registration.</summary>
public sealed class HelloPlugin : IModularPlugin
{
    /// <summary>Must equal the plugin's folder name: plugins/hello.</summary>
    public string Name => "hello";

    public void ConfigureServices(IPluginContext context, IServiceCollection services)
    {
        var settings = context.GetSettings<HelloSettings>();
        context.Logger.LogInformation("hello answers on {Path}", settings.helloPath);
    }

    public void Configure(IPipelineBuilder pipeline) =>
        pipeline.Use(PipelineStage.Endpoints, app => app.UseMiddleware<HelloMiddleware>());
}
