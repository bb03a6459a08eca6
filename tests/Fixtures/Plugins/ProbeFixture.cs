using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Modular.Abstractions;

[assembly: ModularPlugin(typeof(ProbeFixture.ProbeFixture))]

namespace ProbeFixture;

/// <summary>Endpoints the core's tests need: a slow request (/slow?ms=N), one that reads its whole body (/body-length), and text without a charset (/text).</summary>
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
        app.Map("/text", branch => branch.Run(context =>
        {
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync("plain");
        }));
        app.Map("/body-length", branch => branch.Run(async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            await context.Response.WriteAsync(buffer.Length.ToString(CultureInfo.InvariantCulture));
        }));
    });
}
