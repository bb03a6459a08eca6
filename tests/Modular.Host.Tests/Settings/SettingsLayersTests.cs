using Modular.Host.Hosting;
using Modular.Host.Settings;
using Modular.Testing;

namespace Modular.Host.Tests.Settings;

public sealed class SettingsLayersTests : FolderTests
{
    private StartupPlan Read(Dictionary<string, string>? environment = null, params string[] settings) =>
        StartupPlan.Read(TestServer.Options(Folder, environment, settings));

    [Fact]
    public void Defaults_are_the_4D_ones()
    {
        var plan = Read();

        Assert.Empty(plan.Problems);
        Assert.Equal(80, plan.Host.HTTPPort);
        Assert.Equal(443, plan.Host.HTTPSPort);
        Assert.True(plan.Host.HTTPEnabled);
        Assert.False(plan.Host.HTTPSEnabled);
        Assert.Equal("index.html", plan.Host.defaultHomepage);
        Assert.Equal(Folder.Combine("WebFolder"), plan.Paths.RootFolder);
        Assert.Equal(SettingLayer.Default, plan.Snapshot.OriginOf("HTTPPort").Layer);
    }

    [Fact]
    public void File_then_environment_then_command_line_each_win_over_the_one_before()
    {
        Folder.Write("modular.json", """{ "HTTPPort": 8001, "HTTPSPort": 8443, "defaultHomepage": "home.html" }""");
        var plan = Read(new() { ["MODULAR_HTTPPort"] = "8002", ["MODULAR_HTTPSPort"] = "9443" }, "--HTTPPort", "8003");

        Assert.Empty(plan.Problems);
        Assert.Equal(8003, plan.Host.HTTPPort);
        Assert.Equal(9443, plan.Host.HTTPSPort);
        Assert.Equal("home.html", plan.Host.defaultHomepage);
        Assert.Equal("from command line --HTTPPort", plan.Snapshot.OriginOf("HTTPPort").Description);
        Assert.Equal("from environment variable MODULAR_HTTPSPort", plan.Snapshot.OriginOf("HTTPSPort").Description);
        Assert.Equal(SettingLayer.File, plan.Snapshot.OriginOf("defaultHomepage").Layer);
    }

    [Fact]
    public void Settings_option_names_another_file_whose_folder_anchors_relative_paths()
    {
        var file = Folder.Write("conf/site.json", """{ "rootFolder": "site", "HTTPPort": 8080 }""");
        var plan = StartupPlan.Read(TestServer.Options(Folder, null, []) with { SettingsFile = file });

        Assert.Empty(plan.Problems);
        Assert.Equal(8080, plan.Host.HTTPPort);
        Assert.Equal(Folder.Combine("conf", "site"), plan.Paths.RootFolder);
        Assert.Equal(Folder.Combine("conf"), plan.Paths.CertificateFolder);
    }

    [Fact]
    public void Keys_are_case_insensitive_on_input()
    {
        Folder.Write("modular.json", """{ "httpport": 8004 }""");

        Assert.Equal(8004, Read().Host.HTTPPort);
        Assert.Equal(8005, Read(null, "--httpPORT=8005").Host.HTTPPort);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("TRUE", true)]
    [InlineData("false", false)]
    public void Booleans_accept_0_and_1_like_WEB_SET_OPTION(string value, bool expected)
    {
        var plan = Read(new() { ["MODULAR_HTTPSEnabled"] = value }, "--HTTPSPort", "8443");

        Assert.Empty(plan.Problems);
        Assert.Equal(expected, plan.Host.HTTPSEnabled);
    }

    [Fact]
    public void HTTPPort_0_restores_the_default_80()
    {
        var plan = Read(null, "--HTTPPort", "0");

        Assert.Empty(plan.Problems);
        Assert.Equal(80, plan.Host.HTTPPort);
    }

    [Fact]
    public void Lists_come_comma_separated_or_as_JSON_arrays()
    {
        Folder.Write("modular.json", """{ "plugins": [] }""");
        Assert.Empty(Read().Host.plugins);
        Assert.Equal(["a", "b"], Read(new() { ["MODULAR_plugins"] = "a, b" }).Host.plugins);
    }

    [Fact]
    public void A_setting_given_twice_on_the_command_line_takes_the_later_value()
    {
        Assert.Equal(8007, Read(null, "--HTTPPort", "8006", "--HTTPPort", "8007").Host.HTTPPort);
    }
}
