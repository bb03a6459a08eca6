using Modular.Testing;

namespace Modular.Host.Tests.Content;

public sealed class StaticContentTests : FolderTests
{
    [Fact]
    public async Task First_start_writes_a_default_home_page_served_for_slash()
    {
        await using var server = await TestServer.StartAsync(Folder);

        var response = await server.Client.GetAsync("/");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("<h1>Modular is running</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(File.Exists(Folder.Combine("WebFolder", "index.html")));
    }

    [Fact]
    public async Task An_existing_home_page_is_never_overwritten()
    {
        var page = Folder.Write("WebFolder/index.html", "<p>mine</p>");

        await using var server = await TestServer.StartAsync(Folder);

        Assert.Equal("<p>mine</p>", await server.Client.GetStringAsync("/"));
        Assert.Equal("<p>mine</p>", await File.ReadAllTextAsync(page));
    }

    [Fact]
    public async Task DefaultHomepage_in_a_subfolder_is_served_for_slash_only()
    {
        Folder.Write("site/Web/MyHome.htm", "<p>home</p>");
        await using var server = await TestServer.StartAsync(Folder, null, "--rootFolder", "site", "--defaultHomepage", "Web/MyHome.htm");

        Assert.Equal("<p>home</p>", await server.Client.GetStringAsync("/"));
        Assert.Equal(404, (int)(await server.Client.GetAsync("/Web/")).StatusCode);
        Assert.False(File.Exists(Folder.Combine("site", "index.html")), "a home page other than index.html is never written");
    }

    [Fact]
    public async Task A_rootFolder_that_does_not_exist_is_an_error_naming_it()
    {
        var error = Assert.Single(await TestServer.StartFailsAsync(Folder, null, "--rootFolder", "missing"));

        Assert.Equal($"core: rootFolder = 'missing': the folder {Folder.Combine("missing")} does not exist; create it or point rootFolder at your site.", error);
    }

    [Fact]
    public async Task Files_under_the_root_are_served_with_validators_and_ranges()
    {
        Folder.Write("WebFolder/docs/a.txt", "0123456789");
        await using var server = await TestServer.StartAsync(Folder);

        var whole = await server.Client.GetAsync("/docs/a.txt");
        using var partial = new HttpRequestMessage(HttpMethod.Get, "/docs/a.txt");
        partial.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(2, 4);
        var part = await server.Client.SendAsync(partial);

        Assert.Equal("0123456789", await whole.Content.ReadAsStringAsync());
        Assert.NotNull(whole.Headers.ETag);
        Assert.Equal(206, (int)part.StatusCode);
        Assert.Equal("234", await part.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(300_000)]
    public async Task Uncached_files_are_sent_byte_exact_whole_and_by_ranges(int size)
    {
        // Both sides of the size read in place (64 KB) and more than one copy buffer for the larger.
        var content = new byte[size];
        new Random(size).NextBytes(content);
        File.WriteAllBytes(Folder.Write("WebFolder/data.bin", ""), content);
        await using var server = await TestServer.StartAsync(Folder, null, "--staticCacheEnabled", "false");

        var whole = await server.Client.GetByteArrayAsync("/data.bin");
        using var partial = new HttpRequestMessage(HttpMethod.Get, "/data.bin");
        partial.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(size / 2, size - 1);
        var part = await server.Client.SendAsync(partial);
        using var fromEnd = new HttpRequestMessage(HttpMethod.Get, "/data.bin");
        fromEnd.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(null, 10);
        var tail = await server.Client.SendAsync(fromEnd);

        Assert.Equal(content, whole);
        Assert.Equal(206, (int)part.StatusCode);
        Assert.Equal(content[(size / 2)..], await part.Content.ReadAsByteArrayAsync());
        Assert.Equal(content[^10..], await tail.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("106", "text/html; charset=UTF-8")]
    [InlineData("2252", "text/html; charset=windows-1252")]
    [InlineData("iso-8859-1", "text/html; charset=ISO-8859-1")]
    public async Task Character_set_is_declared_on_text_responses(string characterSet, string contentType)
    {
        Folder.Write("WebFolder/index.html", "<p>x</p>");
        Folder.Write("WebFolder/image.png", "png");
        await using var server = await TestServer.StartAsync(Folder, null, "--characterSet", characterSet);

        Assert.Equal(contentType, (await server.Client.GetAsync("/")).Content.Headers.ContentType!.ToString());
        Assert.Equal("image/png", (await server.Client.GetAsync("/image.png")).Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task A_plugin_text_response_without_charset_gets_the_character_set()
    {
        await using var server = await TestServer.StartAsync(Folder, null, "--pluginsFolder", Folder.PluginsWith("probe"), "--characterSet", "2252");

        var response = await server.Client.GetAsync("/text");

        Assert.Equal("text/plain; charset=windows-1252", response.Content.Headers.ContentType!.ToString());
    }
}
