using System.Diagnostics;
using Modular.Testing;

namespace Modular.IntegrationTests.Infrastructure;

/// <summary>deploy/compose.yaml brought up as a Compose v2 project of the test's own, on the test image and the local base (for
/// Redis), with an override file the test writes; labelled like the other test containers, and taken down when disposed.</summary>
internal sealed class ComposeProject : IAsyncDisposable
{
    private readonly string overrideFile;
    private readonly Dictionary<string, string> variables;

    private ComposeProject(string name, string overrideFile, Dictionary<string, string> variables)
    {
        Name = name;
        this.overrideFile = overrideFile;
        this.variables = variables;
    }

    public string Name { get; }

    /// <summary>The compose file's project, named <paramref name="name"/>, with <paramref name="overrideYaml"/> merged over it and
    /// <paramref name="variables"/> (MODULAR_IMAGE and REDIS_IMAGE are the tests' own).</summary>
    public static ComposeProject Create(TempFolder folder, string name, string overrideYaml, IReadOnlyDictionary<string, string> variables)
    {
        var file = folder.Write("compose.override.yaml", overrideYaml);
        var all = new Dictionary<string, string>(variables)
        {
            ["MODULAR_IMAGE"] = ModularContainer.Image,
            ["REDIS_IMAGE"] = ModularContainer.ClientImage,
        };
        return new ComposeProject(name, file, all);
    }

    /// <summary>The container of <paramref name="service"/>, as Compose names it.</summary>
    public string Container(string service) => $"{Name}-{service}-1";

    /// <summary>Runs docker-compose with the project's files; fails the test with its output when it fails.</summary>
    public async Task<string> RunAsync(params string[] arguments)
    {
        var (code, output) = await ExecuteAsync("docker-compose", ["-p", Name, "-f", Path.Combine(RepoPaths.Root, "deploy", "compose.yaml"), "-f", overrideFile, .. arguments], variables);
        Assert.True(code == 0, $"docker-compose {string.Join(' ', arguments)} exited with {code}:\n{output}");
        return output;
    }

    /// <summary>A command's exit code and output (both streams), bounded to 3 minutes.</summary>
    public static async Task<(int Code, string Output)> ExecuteAsync(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? variables = null)
    {
        var start = new ProcessStartInfo(program, arguments);
        foreach (var (name, value) in variables ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        var run = await ProcessRun.RunAsync(start, TimeSpan.FromMinutes(3));
        return (run.ExitCode, run.Output + run.Errors);
    }

    public async ValueTask DisposeAsync() =>
        await ExecuteAsync("docker-compose", ["-p", Name, "-f", Path.Combine(RepoPaths.Root, "deploy", "compose.yaml"), "-f", overrideFile, "down", "--volumes", "--remove-orphans", "--timeout", "5"], variables);
}
