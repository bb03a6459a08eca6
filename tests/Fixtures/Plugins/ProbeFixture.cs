using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Modular.Abstractions;

[assembly: ModularPlugin(typeof(ProbeFixture.ProbeFixture))]

namespace ProbeFixture;

/// <summary>Endpoints the connection-rule tests need: a slow request (/slow?ms=N) and one that reads its whole body (/body-length).</summary>
public sealed class ProbeFixture : IModularPlugin
{
    public string Name => "probe";

    public void ConfigureServices(IPluginContext context, IServiceCollection services)
    {
    }

    public void Configure(IPipelineBuilder pipeline) => pipeline.Use(PipelineStage.Endpoints, app =>
    {
        app.Map("/slow", branch => branch.Run(async context =>
        {
            var milliseconds = int.Parse(context.Request.Query["ms"].ToString(), CultureInfo.InvariantCulture);
            await Task.Delay(milliseconds, context.RequestAborted);
            await context.Response.WriteAsync("done");
        }));
        app.Map("/body-length", branch => branch.Run(async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            await context.Response.WriteAsync(buffer.Length.ToString(CultureInfo.InvariantCulture));
        }));
    });
}
