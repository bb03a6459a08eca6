namespace Modular.Abstractions.Tests;

public sealed class ContractTests
{
    [Fact]
    public void Contract_version_is_the_assembly_version_plugins_record()
    {
        var version = typeof(IModularPlugin).Assembly.GetName().Version!;

        Assert.Equal((ContractVersion.Major, ContractVersion.Minor), (version.Major, version.Minor));
    }

    [Fact]
    public void Pipeline_stages_keep_the_documented_order()
    {
        Assert.Equal(
            ["Telemetry", "Connection", "TransportSecurity", "CrossOrigin", "Encoding", "Session", "Endpoints", "Content", "Proxy"],
            Enum.GetNames<PipelineStage>());
    }

    [Fact]
    public void The_contract_references_nothing_but_the_framework()
    {
        // Anything else would be shared with every plugin and pin its version for all of them.
        var references = typeof(IModularPlugin).Assembly.GetReferencedAssemblies().Select(name => name.Name!);

        Assert.All(references, name => Assert.True(name.StartsWith("System.", StringComparison.Ordinal) || name.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) || name == "System", name));
    }
}
