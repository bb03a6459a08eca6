using Modular.Testing;

namespace Modular.Host.Tests.Settings;

/// <summary>Every message names the key, where its value came from, the value and what is allowed; nothing starts half-configured.</summary>
public sealed class SettingsValidationTests : FolderTests
{
    private Task<IReadOnlyList<string>> FailsWith(params string[] settings) => TestServer.StartFailsAsync(Folder, null, settings);

    [Fact]
    public async Task Out_of_range_port_names_key_layer_value_and_range()
    {
        var errors = await FailsWith("--HTTPPort", "70000");

        Assert.Equal("core: HTTPPort = '70000' (from command line --HTTPPort): must be 1..65535 (0 restores the default).", Assert.Single(errors));
    }

    [Fact]
    public async Task Wrong_type_from_the_settings_file_names_the_file()
    {
        var file = Folder.Write("modular.json", """{ "HTTPSEnabled": "sometimes" }""");

        var errors = await FailsWith();

        Assert.Equal($"core: HTTPSEnabled = 'sometimes' (from {file}): must be true or false (or 1 or 0).", Assert.Single(errors));
    }

    [Fact]
    public async Task Unknown_key_lists_the_nearest_known_names()
    {
        var errors = await TestServer.StartFailsAsync(Folder, new Dictionary<string, string> { ["MODULAR_HTTPPrt"] = "8080" });

        Assert.Equal("HTTPPrt (from environment variable MODULAR_HTTPPrt) is not a known setting. Did you mean HTTPPort, HTTPSPort? 'modular settings list' shows every setting.", Assert.Single(errors));
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once()
    {
        Folder.Write("modular.json", """{ "characterSet": "klingon", "defaultHomepage": "/index.html" }""");

        var errors = await FailsWith("--HTTPSPort", "-1", "--IPAddressToListen", "localhost", "--cipherSuite", "ECDHE-RSA-AES128-GCM-SHA256:BOGUS-CIPHER");

        Assert.Equal(5, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("core: HTTPSPort = '-1' (from command line --HTTPSPort): must be 1..65535", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("core: IPAddressToListen = 'localhost' (from command line --IPAddressToListen): must be an IPv4 address", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("core: cipherSuite = 'ECDHE-RSA-AES128-GCM-SHA256:BOGUS-CIPHER' (from command line --cipherSuite): unknown cipher name(s) 'BOGUS-CIPHER'; allowed OpenSSL names: TLS_AES_128_GCM_SHA256,", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("core: characterSet = 'klingon' (from ", StringComparison.Ordinal) && e.Contains("allowed: 106 (UTF-8), 4 (ISO-8859-1)", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("core: defaultHomepage = '/index.html' (from ", StringComparison.Ordinal) && e.Contains("must neither start nor end with '/'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/index.html")]
    [InlineData("Web/")]
    [InlineData("../outside.html")]
    [InlineData("Web\\home.htm")]
    public async Task Home_page_must_be_a_POSIX_path_inside_the_root_without_leading_or_trailing_slash(string homePage)
    {
        var error = Assert.Single(await FailsWith("--defaultHomepage", homePage));

        Assert.StartsWith($"core: defaultHomepage = '{homePage}' (from command line --defaultHomepage): must ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("106", "UTF-8")]
    [InlineData("utf-8", "UTF-8")]
    [InlineData("2252", "windows-1252")]
    [InlineData("shift_jis", "Shift_JIS")]
    public async Task Character_set_takes_a_MIBEnum_number_or_an_IANA_name(string value, string declared)
    {
        await using var server = await TestServer.StartAsync(Folder, null, "--characterSet", value);

        Assert.Equal(declared, (await server.Client.GetAsync("/")).Content.Headers.ContentType!.CharSet);
    }

    [Fact]
    public async Task Settings_file_that_is_not_JSON_is_reported_with_its_line()
    {
        var file = Folder.Write("modular.json", "{\n  \"HTTPPort\": 8080,\n  oops\n}");

        var error = Assert.Single(await FailsWith());

        Assert.StartsWith($"settings file '{file}' is not valid JSON: line 3,", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Both_listeners_off_is_refused()
    {
        var error = Assert.Single(await FailsWith("--HTTPEnabled", "0"));

        Assert.Equal("core: HTTPSEnabled = 'false' (default): HTTPEnabled and HTTPSEnabled are both false, so nothing would listen; enable at least one.", error);
    }

    [Fact]
    public async Task A_start_refused_for_its_settings_writes_nothing()
    {
        await FailsWith("--HTTPSEnabled", "1", "--HTTPSPort", "0");

        Assert.Empty(Directory.GetFileSystemEntries(Folder.Path));
    }
}
