using System.Security.Cryptography.X509Certificates;
using Modular.Testing;

namespace Modular.Plugins.Sessions.Tests;

/// <summary>The session cookie: its name and attributes, and a new session for any id the server does not know.</summary>
public sealed class SessionCookieTests : FolderTests
{
    [Fact]
    public async Task A_new_client_gets_a_session_cookie_with_4D_attributes_and_a_128_bit_id()
    {
        await using var server = await SessionSite.StartAsync(Folder);
        using var client = SessionSite.Client(server);

        var (body, setCookie) = await SessionSite.GetAsync(client, "/session/info");

        var id = SessionSite.IdOf(setCookie);
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.StartsWith(id + "|", body, StringComparison.Ordinal);
        Assert.EndsWith("|127.0.0.1", body, StringComparison.Ordinal);
        var attributes = setCookie!.ToLowerInvariant();
        Assert.Contains("httponly", attributes, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", attributes, StringComparison.Ordinal);
        Assert.Contains("max-age=28800", attributes, StringComparison.Ordinal);
        Assert.Contains("path=/", attributes, StringComparison.Ordinal);
        Assert.DoesNotContain("secure", attributes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cookie_is_named_after_the_server_and_follows_its_settings()
    {
        await using var server = await SessionSite.StartAsync(Folder, null, "--name", "Shop", "--sessionCookieSameSite", "lax", "--inactiveSessionTimeout", "30");
        using var client = SessionSite.Client(server);

        var (_, setCookie) = await SessionSite.GetAsync(client, "/session/info");

        SessionSite.IdOf(setCookie, "4DSID_Shop");
        Assert.Contains("samesite=lax", setCookie!.ToLowerInvariant(), StringComparison.Ordinal);
        Assert.Contains("max-age=1800", setCookie.ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_HTTPS_the_cookie_is_Secure()
    {
        await using var server = await SessionSite.StartAsync(Folder, null, "--HTTPSEnabled", "true", "--HTTPSPort", TestServer.AnotherFreePort);
        using var client = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            // The self-signed pair the server wrote into its folder at start, and no other.
            SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == X509Certificate2.CreateFromPem(File.ReadAllText(Folder.Combine("cert.pem"))).Thumbprint },
        }) { BaseAddress = new Uri($"https://127.0.0.1:{server.OtherPorts[0]}") };

        var (_, setCookie) = await SessionSite.GetAsync(client, "/session/info");

        Assert.Contains("; secure", setCookie!.ToLowerInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_keepSession_false_there_is_no_cookie_and_no_session()
    {
        await using var server = await SessionSite.StartAsync(Folder, null, "--keepSession", "0");
        using var client = SessionSite.Client(server);

        var (body, setCookie) = await SessionSite.GetAsync(client, "/session/info");

        Assert.Equal("no session", body);
        Assert.Null(setCookie);
    }

    [Fact]
    public async Task A_request_that_does_not_use_the_session_gets_no_cookie()
    {
        await using var server = await SessionSite.StartAsync(Folder);
        using var client = SessionSite.Client(server);

        var (body, setCookie) = await SessionSite.GetAsync(client, "/plain");

        Assert.Equal("plain", body);
        Assert.Null(setCookie);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("not-an-id")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    public async Task An_unknown_or_malformed_id_gets_a_new_session_never_the_id_presented(string presented)
    {
        await using var server = await SessionSite.StartAsync(Folder);
        using var client = SessionSite.Client(server);

        var (_, setCookie) = await SessionSite.GetAsync(client, "/session/get?key=a", presented);

        var id = SessionSite.IdOf(setCookie);
        Assert.NotEqual(presented.ToLowerInvariant(), id);
        Assert.Matches("^[0-9a-f]{32}$", id);
    }

    [Fact]
    public async Task With_address_validation_a_cookie_from_another_client_address_gets_a_new_session()
    {
        await using var server = await SessionSite.StartAsync(Folder, null, "--sessionIPAddressValidation", "true");
        using var first = SessionSite.Client(server);
        using var other = SessionSite.Client(server, "127.0.0.2");
        var id = SessionSite.IdOf((await SessionSite.GetAsync(first, "/session/set?key=a&value=1")).SetCookie);

        var (body, setCookie) = await SessionSite.GetAsync(other, "/session/get?key=a", id);

        Assert.Equal("(none)", body);
        Assert.NotEqual(id, SessionSite.IdOf(setCookie));
        Assert.Equal("1", (await SessionSite.GetAsync(first, "/session/get?key=a", id)).Body);
    }

    [Fact]
    public async Task Without_address_validation_the_session_follows_its_cookie_across_addresses()
    {
        await using var server = await SessionSite.StartAsync(Folder);
        using var first = SessionSite.Client(server);
        using var other = SessionSite.Client(server, "127.0.0.2");
        var id = SessionSite.IdOf((await SessionSite.GetAsync(first, "/session/set?key=a&value=1")).SetCookie);

        var (body, setCookie) = await SessionSite.GetAsync(other, "/session/get?key=a", id);

        Assert.Equal("1", body);
        Assert.Equal(id, SessionSite.IdOf(setCookie));
    }

    [Fact]
    public async Task A_SameSite_value_outside_the_allowed_ones_is_refused_naming_them()
    {
        var errors = await TestServer.StartFailsAsync(Folder, null, "--pluginsFolder", Folder.PluginsWith("sessions"), "--sessionCookieSameSite", "Loose");

        Assert.Contains(errors, error => error.Contains("sessionCookieSameSite", StringComparison.Ordinal) && error.Contains("must be one of Strict, Lax, None", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_server_name_that_cannot_be_part_of_a_cookie_name_is_refused()
    {
        var errors = await TestServer.StartFailsAsync(Folder, null, "--name", "my shop;");

        Assert.Contains(errors, error => error.Contains("name = 'my shop;'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Zero_restores_the_default_timeout()
    {
        await using var server = await SessionSite.StartAsync(Folder, null, "--inactiveSessionTimeout", "0");
        using var client = SessionSite.Client(server);

        var (_, setCookie) = await SessionSite.GetAsync(client, "/session/info");

        Assert.Contains("max-age=28800", setCookie!.ToLowerInvariant(), StringComparison.Ordinal);
    }
}
