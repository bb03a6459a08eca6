using Microsoft.AspNetCore.Builder;

namespace Modular.Abstractions;

/// <summary>Lets a plugin add middleware to a stage of the request pipeline.</summary>
public interface IPipelineBuilder
{
    /// <summary>Adds <paramref name="configure"/> to <paramref name="stage"/>, after what earlier plugins added there.</summary>
    void Use(PipelineStage stage, Action<IApplicationBuilder> configure);
}
