using Modular.Host.Cli;
using Modular.Host.Hosting;
using Modular.Testing;

namespace Modular.Host.Tests.Cli;

/// <summary>The README stays true: its settings reference and its example plugin are the real ones.</summary>
public sealed class ReadmeTests
{
    private const string Start = "<!-- settings-reference:start -->\n";
    private const string End = "<!-- settings-reference:end -->";

    private static string Readme => File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

    [Fact]
    public void Settings_reference_matches_the_settings_classes_of_the_core_and_product_plugins()
    {
        using var folder = new TempFolder();
        // Every product plugin folder the build laid out; none before the first plugin exists.
        var plugins = Directory.Exists(RepoPaths.ProductPlugins) ? RepoPaths.ProductPlugins : folder.Path;
        var plan = StartupPlan.Read(TestServer.Options(folder, null, ["--pluginsFolder", plugins]));
        Assert.Empty(plan.Problems);
        var readme = Readme;
        var start = readme.IndexOf(Start, StringComparison.Ordinal) + Start.Length;
        var documented = readme[start..readme.IndexOf(End, start, StringComparison.Ordinal)];

        Assert.True(SettingsReference.Markdown(plan.Catalog) == documented,
            "README.md's settings reference is stale: replace the table between the settings-reference markers with the output of " +
            "'build/settings-reference.sh'.");
    }

    [Theory]
    [InlineData("ExamplePlugin.csproj")]
    [InlineData("HelloSettings.cs")]
    [InlineData("HelloMiddleware.cs")]
    [InlineData("HelloPlugin.cs")]
    public void Plugin_authoring_guide_shows_the_example_plugin_files_as_they_are(string file)
    {
        var source = File.ReadAllText(Path.Combine(RepoPaths.Root, "tests", "ExamplePlugin", file)).TrimEnd('\n');

        Assert.True(Readme.Contains(source, StringComparison.Ordinal), $"README.md does not show tests/ExamplePlugin/{file} as it is; copy the file into the plugin authoring guide.");
    }
}
