using Microsoft.Extensions.DependencyInjection;
using Modular.Abstractions;
using Modular.Plugins.HelperTool;
using Modular.Plugins.HelperTool.Install;
using Modular.Plugins.HelperTool.Listening;
using Modular.Plugins.HelperTool.Settings;

[assembly: ModularPlugin(typeof(HelperToolPlugin), Settings = [typeof(HelperToolOptions)])]

namespace Modular.Plugins.HelperTool;

/// <summary>4D's HelperTool: a small root daemon binds ports below 1024 and passes them to the unprivileged server, so the server
/// itself never runs as root (spec/webServerConfig.md, macOS HelperTool; spec/NOTES.md, Privileged ports).</summary>
public sealed class HelperToolPlugin : IModularPlugin, ICommandLineVerbs
{
    public string Name => "helpertool";

    /// <summary><c>modular helper install|uninstall|status</c>.</summary>
    public IReadOnlyList<CommandLineVerb> Verbs => [HelperVerbs.Verb];

    public void ConfigureServices(IPluginContext context, IServiceCollection services) =>
        services.AddSingleton<IListenSocketProvider, HelperListenSocketProvider>();

    public void Configure(IPipelineBuilder pipeline)
    {
    }
}
