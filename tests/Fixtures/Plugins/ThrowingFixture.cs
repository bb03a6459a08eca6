using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Modular.Abstractions;

[assembly: ModularPlugin(typeof(ThrowingFixture.ThrowingFixture), Settings = [typeof(ThrowingFixture.ThrowingSettings)])]

namespace ThrowingFixture;

/// <summary>Chooses the step at which the fixture fails, as a plugin with a missing dependency or a bug would.</summary>
public sealed class ThrowingSettings : IValidatableSettings
{
    [Setting("Where the throwing fixture throws.", AllowedValues = ["ConfigureServices", "Configure", "Pipeline", "Middleware", "Validate"])]
    public string throwIn { get; init; } = "ConfigureServices";

    public IEnumerable<SettingProblem> Validate() =>
        throwIn == "Validate" ? throw new InvalidOperationException("the fixture's Validate fails") : [];
}

public sealed class ThrowingFixture : IModularPlugin
{
    private string step = "";

    public string Name => "throwing";

    public void ConfigureServices(IPluginContext context, IServiceCollection services)
    {
        step = context.GetSettings<ThrowingSettings>().throwIn;
        Fail("ConfigureServices");
    }

    public void Configure(IPipelineBuilder pipeline)
    {
        Fail("Configure");
        pipeline.Use(PipelineStage.Endpoints, app =>
        {
            Fail("Pipeline");
            app.UseMiddleware<ThrowingMiddleware>(step);
        });
    }

    private void Fail(string here)
    {
        if (step == here)
        {
            throw new InvalidOperationException($"the fixture fails in {here}");
        }
    }
}

public sealed class ThrowingMiddleware
{
    private readonly RequestDelegate next;

    public ThrowingMiddleware(RequestDelegate next, string step)
    {
        this.next = next;
        if (step == "Middleware")
        {
            throw new InvalidOperationException("the fixture's middleware cannot be created");
        }
    }

    public Task InvokeAsync(HttpContext context) => next(context);
}
