using Microsoft.Extensions.DependencyInjection;
using Modular.Abstractions;

#if WITH_ATTRIBUTE
[assembly: ModularPlugin(typeof(EmptyFixture.EmptyFixture))]
#endif

namespace EmptyFixture;

// Compiled as noattribute (no [assembly: ModularPlugin]), futurecontract (against contract 2.0) and newerminor (against 1.99).
public sealed class EmptyFixture : IModularPlugin
{
    public string Name => typeof(EmptyFixture).Assembly.GetName().Name!;

    public void ConfigureServices(IPluginContext context, IServiceCollection services)
    {
    }

    public void Configure(IPipelineBuilder pipeline)
    {
    }
}
