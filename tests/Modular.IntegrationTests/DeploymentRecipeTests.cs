using System.Text.Json.Nodes;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using Modular.IntegrationTests.Infrastructure;
using Modular.Testing;
using YamlDotNet.RepresentationModel;

namespace Modular.IntegrationTests;

/// <summary>The recipes in deploy/: the Kubernetes manifests render with kubectl and say what they must, and every settings file
/// they and the compose file ship is accepted by the image's own <c>modular settings check</c>.</summary>
public sealed class DeploymentRecipeTests : ContainerTests
{
    [Fact]
    public async Task The_kubernetes_manifests_render_with_kubectl_kustomize_into_a_hardened_deployment_probed_on_health_endpoints()
    {
        var (code, rendered) = await ComposeProject.ExecuteAsync("kubectl", ["kustomize", Path.Combine(RepoPaths.Root, "deploy", "kubernetes")]);
        Assert.True(code == 0, rendered);
        var objects = Objects(rendered);

        Assert.Equal(["ConfigMap modular-config", "ConfigMap modular-www", "Deployment modular", "Deployment redis", "Namespace modular",
            "Secret modular-secrets", "Service modular", "Service redis"], objects.Keys.Order(StringComparer.Ordinal));
        Assert.All(objects.Values.Where(o => Text(o, "kind") != "Namespace"), o => Assert.Equal("modular", Text(o, "metadata", "namespace")));
        var pod = (YamlMappingNode)objects["Deployment modular"]["spec"]["template"]["spec"];
        var container = (YamlMappingNode)((YamlSequenceNode)pod["containers"]).Children[0];
        Assert.Equal("true", Text(pod, "securityContext", "runAsNonRoot"));
        Assert.Equal("1654", Text(pod, "securityContext", "runAsUser"));
        Assert.Equal("true", Text(container, "securityContext", "readOnlyRootFilesystem"));
        Assert.Equal("false", Text(container, "securityContext", "allowPrivilegeEscalation"));
        Assert.Equal(["cpu", "memory"], ((YamlMappingNode)container["resources"]["requests"]).Children.Keys.Select(k => k.ToString()));
        Assert.Equal(["cpu", "memory"], ((YamlMappingNode)container["resources"]["limits"]).Children.Keys.Select(k => k.ToString()));
        Assert.Equal(("/healthz", "admin"), (Text(container, "livenessProbe", "httpGet", "path"), Text(container, "livenessProbe", "httpGet", "port")));
        Assert.Equal(("/readyz", "admin"), (Text(container, "readinessProbe", "httpGet", "path"), Text(container, "readinessProbe", "httpGet", "port")));
        Assert.True(int.Parse(Text(pod, "terminationGracePeriodSeconds"), System.Globalization.CultureInfo.InvariantCulture) > 30, "the grace period must outlast shutdownTimeout");
        var redis = (YamlMappingNode)objects["Deployment redis"]["spec"]["template"]["spec"];
        Assert.Equal("true", Text(redis, "securityContext", "runAsNonRoot"));
        var settings = JsonNode.Parse(Text(objects["ConfigMap modular-config"], "data", "modular.json"))!;
        Assert.Equal("redis:6379", (string?)settings["sessionRedisConfiguration"]);
        Assert.Equal("0.0.0.0:2080", (string?)settings["adminAddress"]);
    }

    [Theory]
    [InlineData("kubernetes")]
    [InlineData("compose/back.json")]
    [InlineData("compose/front.json")]
    public async Task Each_shipped_settings_file_passes_the_images_settings_check(string recipe)
    {
        var file = recipe == "kubernetes" ? await ConfigMapSettingsAsync() : File.ReadAllText(Path.Combine(RepoPaths.Root, "deploy", recipe));
        var config = Folder.Write("config/modular.json", file);
        File.SetUnixFileMode(Path.GetDirectoryName(config)!, (UnixFileMode)0b111_101_101);
        var container = Track(ModularContainer.Create(Network)
            .WithBindMount(Path.GetDirectoryName(config)!, "/srv/modular/config", AccessMode.ReadOnly)
            .WithCommand("settings", "check")
            .Build());

        var (exitCode, logs) = await ModularContainer.RunToExitAsync(container);

        Assert.True(exitCode == 0, logs);
    }

    [Fact]
    public async Task The_kubernetes_settings_run_on_a_read_only_root_file_system_and_turn_ready_with_redis()
    {
        var redis = Track(ModularContainer.Redis(Network));
        await redis.StartAsync();
        var config = Folder.Write("config/modular.json", await ConfigMapSettingsAsync());
        File.SetUnixFileMode(Path.GetDirectoryName(config)!, (UnixFileMode)0b111_101_101);
        // As the Deployment runs it: read-only root, /tmp the one writable place, the admin token from the Secret.
        var server = Track(ModularContainer.Create(Network)
            .WithBindMount(Path.GetDirectoryName(config)!, "/srv/modular/config", AccessMode.ReadOnly)
            .WithTmpfsMount("/tmp")
            .WithEnvironment("MODULAR_adminToken", "a-token-of-32-characters-for-tests")
            .WithCreateParameterModifier(parameters =>
            {
                parameters.HostConfig ??= new Docker.DotNet.Models.HostConfig();
                parameters.HostConfig.ReadonlyRootfs = true;
            })
            .WithLoopbackPorts(8080, 2080)
            .WithWaitStrategy(Wait.ForUnixContainer().AddCustomWaitStrategy(new LoopbackHttpReady(2080, "/readyz")))
            .Build());
        await server.StartAsync();
        using var client = new HttpClient();

        var ready = await client.GetStringAsync(server.Address(2080).ToString() + "readyz");
        var page = await client.GetAsync(server.Address(8080));
        await redis.StopAsync();
        var unready = await client.GetAsync(server.Address(2080).ToString() + "readyz");

        Assert.Equal("Healthy", ready);
        Assert.True(page.StatusCode is System.Net.HttpStatusCode.OK or System.Net.HttpStatusCode.NotFound, $"{page.StatusCode}");
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, unready.StatusCode);
        Assert.StartsWith("Unhealthy: sessions: the session store (Redis at redis:6379) does not answer", await unready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<string> ConfigMapSettingsAsync()
    {
        var (_, rendered) = await ComposeProject.ExecuteAsync("kubectl", ["kustomize", Path.Combine(RepoPaths.Root, "deploy", "kubernetes")]);
        return Text(Objects(rendered)["ConfigMap modular-config"], "data", "modular.json");
    }

    /// <summary>Each object of a multi-document YAML stream by "Kind name".</summary>
    private static Dictionary<string, YamlMappingNode> Objects(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(document => (YamlMappingNode)document.RootNode)
            .ToDictionary(node => $"{Text(node, "kind")} {Text(node, "metadata", "name")}");
    }

    private static string Text(YamlNode node, params string[] path) =>
        path.Aggregate(node, (current, key) => ((YamlMappingNode)current)[key]).ToString();
}
