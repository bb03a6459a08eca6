using System.Text.Json;
using Microsoft.Playwright;
using Modular.Testing;

namespace Modular.Plugins.Cors.Tests;

/// <summary>What a real browser does with the answers: a page on one loopback origin calls Modular on another with fetch.</summary>
/// <remarks>
/// The page comes from a second server (no CORS) at http://127.0.0.1:P; the same page at
/// http://localhost:P is another origin, which the list does not name.
/// </remarks>
public sealed class CorsBrowserTests : IAsyncLifetime, IDisposable
{
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);
    private readonly TempFolder apiFolder = new();
    private readonly TempFolder pageFolder = new();
    private TestServer api = null!;
    private TestServer pages = null!;
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;

    public async Task InitializeAsync()
    {
        pageFolder.Write("WebFolder/page.html", "<!doctype html><title>caller</title><p>calls another origin</p>");
        pages = await TestServer.StartAsync(pageFolder);

        apiFolder.Write("WebFolder/data.json", """{"answer":42}""");
        apiFolder.Write("modular.json", $$"""
            { "CORSEnabled": true,
              "CORSSettings": [ { "host": "http://127.0.0.1:{{pages.Port}}", "methods": "get;put" } ] }
            """);
        api = await TestServer.StartAsync(apiFolder, null, "--pluginsFolder", apiFolder.PluginsWith("cors", "probe"));

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true });
    }

    /// <summary>Runs fetch(path, init) in a page of <paramref name="pageOrigin"/> against the API server: the status and body, or the browser's error.</summary>
    private async Task<FetchResult> FetchFromAsync(string pageOrigin, string path, string init = "{}")
    {
        var page = await browser.NewPageAsync();
        try
        {
            await page.GotoAsync($"{pageOrigin}/page.html");
            var json = await page.EvaluateAsync<string>($$"""
                async () => {
                  try {
                    const response = await fetch('http://127.0.0.1:{{api.Port}}{{path}}', {{init}});
                    return JSON.stringify({ status: response.status, body: await response.text() });
                  } catch (e) {
                    return JSON.stringify({ error: e.name + ': ' + e.message });
                  }
                }
                """);
            return JsonSerializer.Deserialize<FetchResult>(json, WebJson)!;
        }
        finally
        {
            await page.CloseAsync();
        }
    }

    private string AllowedOrigin => $"http://127.0.0.1:{pages.Port}";

    private string OtherOrigin => $"http://localhost:{pages.Port}";

    [Fact]
    public async Task Allowed_origin_reads_the_body_of_a_simple_get()
    {
        var result = await FetchFromAsync(AllowedOrigin, "/data.json");
        Assert.Equal(new FetchResult(200, """{"answer":42}""", null), result);
    }

    [Fact]
    public async Task Allowed_origin_passes_the_preflight_of_a_put_with_a_custom_header()
    {
        var result = await FetchFromAsync(AllowedOrigin, "/body-length",
            "{ method: 'PUT', headers: { 'X-Request-Id': 'abc', 'Content-Type': 'application/json' }, body: '{\"a\":1}' }");
        Assert.Equal(new FetchResult(200, "7", null), result);
    }

    [Fact]
    public async Task Allowed_origin_sends_credentials_and_reads_the_answer()
    {
        var result = await FetchFromAsync(AllowedOrigin, "/data.json", "{ credentials: 'include' }");
        Assert.Equal(200, result.Status);
        Assert.Equal("""{"answer":42}""", result.Body);
    }

    [Fact]
    public async Task Method_outside_the_list_fails_in_the_browser()
    {
        var result = await FetchFromAsync(AllowedOrigin, "/body-length", "{ method: 'DELETE' }");
        Assert.Null(result.Status);
        Assert.StartsWith("TypeError: Failed to fetch", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unlisted_origin_fails_in_the_browser_even_for_a_simple_get()
    {
        var result = await FetchFromAsync(OtherOrigin, "/data.json");
        Assert.Null(result.Status);
        Assert.StartsWith("TypeError: Failed to fetch", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_cors_a_cross_origin_read_is_blocked_by_the_browser()
    {
        // The page server has no CORS plugin: the browser gets a 200 but must not show it to the page.
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{OtherOrigin}/page.html");
        var error = await page.EvaluateAsync<string>($$"""
            async () => { try { await fetch('{{AllowedOrigin}}/page.html'); return 'read'; } catch (e) { return e.name; } }
            """);
        Assert.Equal("TypeError", error);
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await api.DisposeAsync();
        await pages.DisposeAsync();
        Dispose();
    }

    public void Dispose()
    {
        apiFolder.Dispose();
        pageFolder.Dispose();
    }

    public sealed record FetchResult(int? Status, string? Body, string? Error);
}
