using System.Reflection;

namespace Modular.Testing;

/// <summary>Where the repository's build put what the tests use.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "RepoRoot").Value!;

    /// <summary>The fixture plugin folders (and the README's example plugin), one folder each.</summary>
    public static string TestPlugins => Path.Combine(Root, "artifacts", "test-plugins");

    /// <summary>The product plugin folders, as the host's build lays them out.</summary>
    public static string ProductPlugins => Path.Combine(Root, "artifacts", "plugins");

    /// <summary>The modular executable's assembly, as copied beside the host's tests.</summary>
    public static string HostAssembly => Path.Combine(AppContext.BaseDirectory, "modular.dll");
}
