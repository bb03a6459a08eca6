using Microsoft.Extensions.DependencyInjection;

namespace Modular.Abstractions;

/// <summary>A plugin's entry point: the host calls <see cref="ConfigureServices"/>, then <see cref="Configure"/>, once each at start.</summary>
public interface IModularPlugin
{
    /// <summary>The plugin's id: lowercase, equal to its folder name under <c>plugins/</c>.</summary>
    string Name { get; }

    /// <summary>Adds the plugin's services; its settings are already validated and readable through <paramref name="context"/>.</summary>
    void ConfigureServices(IPluginContext context, IServiceCollection services);

    /// <summary>Adds the plugin's middleware to the stages of the request pipeline.</summary>
    void Configure(IPipelineBuilder pipeline);
}
