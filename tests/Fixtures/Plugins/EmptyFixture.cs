using Microsoft.Extensions.DependencyInjection;
using Modular.Abstractions;

#if WITH_ATTRIBUTE
[assembly: ModularPlugin(typeof(EmptyFixture.EmptyFixture))]
#endif

namespace EmptyFixture;

// Compiled as noattribute (no [assembly: ModularPlugin]), futurecontract (against contract 2.0)
// and throwing (ConfigureServices fails, as with a missing dependency).
public sealed class EmptyFixture : IModularPlugin
{
    public string Name => typeof(EmptyFixture).Assembly.GetName().Name!;

    public void ConfigureServices(IPluginContext context, IServiceCollection services)
    {
#if THROWS
        throw new InvalidOperationException("the fixture refuses to configure");
#endif
    }

    public void Configure(IPipelineBuilder pipeline)
    {
    }
}
