using System.Net;
using Modular.Testing;

namespace Modular.Host.Tests.Admin;

/// <summary>Contract 1.3: a plugin's admin endpoints under /plugins/&lt;id&gt;/, run with the web server's services.</summary>
public sealed class PluginAdminEndpointTests : AdminTests
{
    [Fact]
    public async Task A_plugin_endpoint_runs_with_the_web_server_s_services()
    {
        await using var server = await StartWithAdminAsync("--pluginsFolder", Folder.PluginsWith("probe"), "--name", "Probe");

        Assert.Equal("Probe", await Admin.GetStringAsync("/plugins/probe/setting/name"));
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync("/plugins/probe/unknown")).StatusCode);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await Admin.PostAsync("/plugins/probe/setting/name", null)).StatusCode);
    }

    [Fact]
    public async Task A_failing_endpoint_answers_500_naming_the_plugin_and_the_server_goes_on()
    {
        await using var server = await StartWithAdminAsync("--pluginsFolder", Folder.PluginsWith("probe"));

        using var failed = await Admin.GetAsync("/plugins/probe/fail");

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Contains("probe: InvalidOperationException: the probe failed on purpose", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("<p>page</p>", await server.Client.GetStringAsync("/page.html"));
        Assert.Equal(HttpStatusCode.OK, (await Admin.GetAsync("/plugins/probe/setting/name")).StatusCode);
    }

    [Fact]
    public async Task While_the_web_server_is_stopped_plugin_endpoints_answer_503()
    {
        await using var server = await StartWithAdminAsync("--pluginsFolder", Folder.PluginsWith("probe"));
        (await Admin.PostAsync("/server/stop", null)).Dispose();

        using var stopped = await Admin.GetAsync("/plugins/probe/setting/name");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, stopped.StatusCode);
        Assert.Contains("POST /server/start", await stopped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
