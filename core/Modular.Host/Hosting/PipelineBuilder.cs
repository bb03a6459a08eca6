using Microsoft.AspNetCore.Builder;
using Modular.Abstractions;

namespace Modular.Host.Hosting;

/// <summary>Collects the plugins' middleware by stage and adds it to the application in the fixed stage order.</summary>
internal sealed class PipelineBuilder : IPipelineBuilder
{
    private readonly List<(PipelineStage Stage, Action<IApplicationBuilder> Configure)> parts = [];

    public void Use(PipelineStage stage, Action<IApplicationBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        if (!Enum.IsDefined(stage))
        {
            throw new ArgumentOutOfRangeException(nameof(stage), stage, "not a pipeline stage");
        }
        parts.Add((stage, configure));
    }

    /// <summary>Adds what the plugins put in <paramref name="stage"/>, in the order they were loaded.</summary>
    public void Apply(IApplicationBuilder app, PipelineStage stage)
    {
        foreach (var part in parts.Where(p => p.Stage == stage))
        {
            part.Configure(app);
        }
    }
}
