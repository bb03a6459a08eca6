using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Modular.Abstractions;
using Newtonsoft.Json;

[assembly: ModularPlugin(typeof(VersionFixture.VersionFixture), Settings = [typeof(VersionFixture.VersionSettings)])]

namespace VersionFixture;

// Compiled twice (versiona, versionb), each time against another Newtonsoft.Json version.
public sealed class VersionSettings
{
#if VERSION_A
    [Setting("A setting only plugin versiona declares.")]
    public string versionaLabel { get; init; } = "versiona";

    public string Label => versionaLabel;
#else
    [Setting("A setting only plugin versionb declares.")]
    public string versionbLabel { get; init; } = "versionb";

    public string Label => versionbLabel;
#endif
}

/// <summary>Answers /&lt;id&gt; with its label setting and the Newtonsoft.Json version this plugin sees.</summary>
public sealed class VersionFixture : IModularPlugin
{
    public string Name => typeof(VersionFixture).Assembly.GetName().Name!;

    public void ConfigureServices(IPluginContext context, IServiceCollection services)
    {
    }

    public void Configure(IPipelineBuilder pipeline) => pipeline.Use(PipelineStage.Endpoints, app => app.Map("/" + Name, branch => branch.Run(context =>
    {
        var label = context.RequestServices.GetRequiredService<IOptionsMonitor<VersionSettings>>().CurrentValue.Label;
        var body = JsonConvert.SerializeObject(new { label, newtonsoft = typeof(JsonConvert).Assembly.GetName().Version!.ToString() });
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body);
    })));
}
