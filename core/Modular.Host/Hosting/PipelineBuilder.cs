using Microsoft.AspNetCore.Builder;
using Modular.Abstractions;
using Modular.Host.Plugins;

namespace Modular.Host.Hosting;

/// <summary>Collects the plugins' middleware by stage and adds it to the application in the fixed stage order.</summary>
internal sealed class PipelineBuilder
{
    private readonly List<(PipelineStage Stage, LoadedPlugin Plugin, Action<IApplicationBuilder> Configure)> parts = [];

    /// <summary>The <see cref="IPipelineBuilder"/> one plugin sees: what it adds is recorded under its name.</summary>
    public IPipelineBuilder For(LoadedPlugin plugin) => new PluginPipeline(this, plugin);

    /// <summary>Adds what the plugins put in <paramref name="stage"/>, in the order they were loaded; a plugin that throws is named.</summary>
    public void Apply(IApplicationBuilder app, PipelineStage stage)
    {
        foreach (var (_, plugin, configure) in parts.Where(p => p.Stage == stage))
        {
            try
            {
                configure(app);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new StartupException([$"{plugin.Folder.Describe(plugin.EntryFile)}: its {stage} pipeline step threw {e.GetType().Name}: {e.Message}"], e);
            }
        }
    }

    private sealed class PluginPipeline(PipelineBuilder owner, LoadedPlugin plugin) : IPipelineBuilder
    {
        public void Use(PipelineStage stage, Action<IApplicationBuilder> configure)
        {
            ArgumentNullException.ThrowIfNull(configure);
            if (!Enum.IsDefined(stage))
            {
                throw new ArgumentOutOfRangeException(nameof(stage), stage, "not a pipeline stage");
            }
            owner.parts.Add((stage, plugin, configure));
        }
    }
}
