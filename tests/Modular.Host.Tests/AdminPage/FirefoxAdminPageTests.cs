using System.Text.Json.Nodes;
using Modular.Testing;

namespace Modular.Host.Tests.AdminPage;

/// <summary>The admin page in Debian's headless Firefox ESR (over WebDriver BiDi), over a real server's admin API: the same page
/// the Chromium tests drive, shown, edited and operated in the other engine.</summary>
public sealed class FirefoxAdminPageTests : FolderTests
{
    private static string Quoted(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private static string Fill(string selector, string value) =>
        $"(() => {{ const field = document.querySelector({Quoted(selector)}); field.value = {Quoted(value)};" +
        " field.dispatchEvent(new Event('input', { bubbles: true })); field.dispatchEvent(new Event('change', { bubbles: true })); })()";

    private static string Click(string selector) => $"document.querySelector({Quoted(selector)}).click()";

    private static string Text(string selector) => $"document.querySelector({Quoted(selector)}).textContent";

    [Fact]
    public async Task In_Firefox_the_page_shows_every_setting_applies_and_refuses_changes_and_runs_the_web_server()
    {
        Folder.Write("WebFolder/index.html", "<h1>site</h1>");
        var webPort = FreePort.Next();
        var adminPort = FreePort.Next();
        using var server = RunningModular.Start(Folder.Path, ["--HTTPPort", $"{webPort}", "--adminAddress", $"127.0.0.1:{adminPort}"]);
        await server.WaitForLineAsync("The admin API is listening on");
        var admin = new Uri($"http://127.0.0.1:{adminPort}/");
        using var api = new HttpClient { BaseAddress = admin };
        var settingCount = JsonNode.Parse(await api.GetStringAsync("settings"))!["settings"]!.AsArray().Count;
        await using var firefox = await FirefoxPage.LaunchAsync(1280, 800);

        await firefox.GotoAsync(admin);
        await firefox.WaitForAsync($"document.querySelectorAll('.setting').length === {settingCount}", "document.querySelectorAll('.setting').length");
        Assert.Equal($"{webPort}", await firefox.TextAsync("document.querySelector('#input-HTTPPort').value"));
        Assert.Contains("TCP port for HTTP.", await firefox.TextAsync(Text("#about-HTTPPort")));
        await firefox.ScreenshotAsync("settings");

        // A hot change applied from the page reaches the server.
        await firefox.EvaluateAsync(Fill("#input-keepAliveTimeout", "20"));
        await firefox.EvaluateAsync(Click("button[value=runtime]"));
        await firefox.WaitForAsync($"{Text("#apply-message")} === 'Applied keepAliveTimeout.'", Text("#apply-message"));
        Assert.Equal(20, (int)JsonNode.Parse(await api.GetStringAsync("settings/keepAliveTimeout"))!["value"]!);

        // A value the server refuses: its message beside the field, nothing changed.
        await firefox.EvaluateAsync(Fill("#input-IPAddressToListen", "nope"));
        await firefox.EvaluateAsync(Fill("#input-keepAliveTimeout", "25"));
        await firefox.EvaluateAsync(Click("button[value=runtime]"));
        await firefox.WaitForAsync($"{Text("#error-IPAddressToListen")}.includes('must be an IPv4 address')", Text("#error-IPAddressToListen"));
        Assert.Equal(20, (int)JsonNode.Parse(await api.GetStringAsync("settings/keepAliveTimeout"))!["value"]!);

        // The runtime view stops and starts the web server.
        using var web = new HttpClient();
        await firefox.EvaluateAsync(Click("#tab-runtime"));
        await firefox.WaitForAsync($"!document.querySelector('#runtime').hidden && {Text("#state")}.startsWith('Web server running')", Text("#state"));
        await firefox.EvaluateAsync(Click("#stop"));
        await firefox.WaitForAsync($"{Text("#state")}.trim() === 'Web server stopped'", Text("#state"));
        Assert.NotNull(await Record.ExceptionAsync(() => web.GetStringAsync(new Uri($"http://127.0.0.1:{webPort}/"))));
        await firefox.EvaluateAsync(Click("#start"));
        await firefox.WaitForAsync($"{Text("#state")}.startsWith('Web server running')", Text("#state"));
        Assert.Equal("<h1>site</h1>", await web.GetStringAsync(new Uri($"http://127.0.0.1:{webPort}/")));
        await firefox.ScreenshotAsync("runtime");

        // A phone-sized window: nothing wider than the window.
        await firefox.SetViewportAsync(390, 844);
        await firefox.GotoAsync(admin);
        await firefox.WaitForAsync($"document.querySelectorAll('.setting').length === {settingCount}", "document.querySelectorAll('.setting').length");
        await firefox.WaitForAsync("document.documentElement.scrollWidth <= window.innerWidth", "document.documentElement.scrollWidth");
        await firefox.ScreenshotAsync("phone");
        Assert.Empty(firefox.Errors);
    }
}
