using Microsoft.Playwright;
using Modular.Testing;

namespace Modular.Host.Tests.AdminPage;

/// <summary>A real <c>modular</c> process with its admin listener, and Debian's headless Chromium showing the admin page.</summary>
internal sealed class AdminPageSession : IAsyncDisposable
{
    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private AdminPageSession(RunningModular server, int webPort, int adminPort, IPlaywright playwright, IBrowser browser, IPage page)
    {
        Server = server;
        WebPort = webPort;
        AdminPort = adminPort;
        this.playwright = playwright;
        this.browser = browser;
        Page = page;
    }

    public RunningModular Server { get; }

    public int WebPort { get; }

    public int AdminPort { get; }

    public Uri Admin => new($"http://127.0.0.1:{AdminPort}/");

    public Uri Web => new($"http://127.0.0.1:{WebPort}/");

    public IPage Page { get; }

    /// <summary>Browser console errors (a refused script or style would show here).</summary>
    public List<string> ConsoleErrors { get; } = [];

    /// <summary>Starts the server in <paramref name="folder"/> with <paramref name="settings"/> and opens a page at
    /// <paramref name="width"/>×<paramref name="height"/> (not yet on the admin page).</summary>
    public static async Task<AdminPageSession> StartAsync(TempFolder folder, string[] settings, int width = 1280, int height = 800)
    {
        folder.Write("WebFolder/index.html", "<h1>site</h1>");
        var webPort = FreePort.Next();
        var adminPort = FreePort.Next();
        var server = RunningModular.Start(folder.Path, ["--HTTPPort", $"{webPort}", "--adminAddress", $"127.0.0.1:{adminPort}", .. settings]);
        await server.WaitForLineAsync("The admin API is listening on");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var session = new AdminPageSession(server, webPort, adminPort, playwright, browser, page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                session.ConsoleErrors.Add(message.Text);
            }
        };
        return session;
    }

    /// <summary>Opens the admin page and waits until it shows the settings.</summary>
    public async Task OpenAsync()
    {
        await Page.GotoAsync(Admin.ToString());
        await Page.Locator("#setting-HTTPPort").WaitForAsync();
    }

    public Task ShowRuntimeAsync() => Page.ClickAsync("#tab-runtime");

    /// <summary>Writes a screenshot of the whole page to artifacts/screenshots/admin-<paramref name="name"/>.png.</summary>
    public async Task ScreenshotAsync(string name)
    {
        var folder = Path.Combine(RepoPaths.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"admin-{name}.png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        Server.Dispose();
    }
}
