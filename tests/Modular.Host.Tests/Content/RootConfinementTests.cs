using Modular.Testing;

namespace Modular.Host.Tests.Content;

/// <summary>Nothing outside the HTML root is ever served, however the path is written (spec/NOTES.md).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed in DisposeAsync, xunit's IAsyncLifetime.")]
public sealed class RootConfinementTests : IAsyncLifetime
{
    private const string Secret = "TOP-SECRET-OUTSIDE-THE-ROOT";
    private readonly TempFolder folder = new();
    private TestServer server = null!;

    public async Task InitializeAsync()
    {
        folder.Write("secret.txt", Secret);
        folder.Write("outside/secret.txt", Secret);
        folder.Write("WebFolder/index.html", "<p>home</p>");
        folder.Write("WebFolder/inside/page.txt", "inside");
        File.CreateSymbolicLink(folder.Combine("WebFolder", "leak.txt"), folder.Combine("secret.txt"));
        Directory.CreateSymbolicLink(folder.Combine("WebFolder", "linkdir"), folder.Combine("outside"));
        File.CreateSymbolicLink(folder.Combine("WebFolder", "relative-leak.txt"), "../secret.txt");
        File.CreateSymbolicLink(folder.Combine("WebFolder", "alias.txt"), "inside/page.txt");
        // A target whose '..' is resolved after a link: the kernel opens outside/a/secret.txt.
        folder.Write("outside/a/secret.txt", Secret);
        Directory.CreateDirectory(folder.Combine("outside", "a", "b"));
        Directory.CreateSymbolicLink(folder.Combine("WebFolder", "sub"), folder.Combine("outside", "a", "b"));
        File.CreateSymbolicLink(folder.Combine("WebFolder", "dotdot-leak.txt"), "sub/../secret.txt");
        folder.Write("WebFolder/.git/config", Secret);
        folder.Write("WebFolder/.well-known/security.txt", "Contact: mailto:security@example.org");
        server = await TestServer.StartAsync(folder);
    }

    [Theory]
    [InlineData("/../secret.txt")]
    [InlineData("/inside/../../secret.txt")]
    [InlineData("/%2e%2e/secret.txt")]
    [InlineData("/%2E%2E/%2e%2e/secret.txt")]
    [InlineData("/%252e%252e/secret.txt")]
    [InlineData("/..%2fsecret.txt")]
    [InlineData("/..%5csecret.txt")]
    [InlineData("/..\\secret.txt")]
    [InlineData("/inside\\..\\..\\secret.txt")]
    [InlineData("//etc/passwd")]
    [InlineData("/%2fetc%2fpasswd")]
    [InlineData("/secret.txt%00.html")]
    [InlineData("/index.html%00")]
    public async Task Traversal_attempts_never_reach_a_file_outside_the_root(string target)
    {
        var answer = await RawHttp.GetAsync(server.Port, target);

        Assert.True(answer.Status is 400 or 404, $"{target} answered {answer.Status}");
        Assert.DoesNotContain(Secret, answer.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/leak.txt")]
    [InlineData("/relative-leak.txt")]
    [InlineData("/linkdir/secret.txt")]
    [InlineData("/dotdot-leak.txt")]
    [InlineData("/.git/config")]
    [InlineData("/.git/")]
    public async Task Links_out_of_the_root_and_dot_folders_of_a_checkout_answer_404(string target)
    {
        var answer = await RawHttp.GetAsync(server.Port, target);

        Assert.Equal(404, answer.Status);
        Assert.DoesNotContain(Secret, answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_symbolic_link_that_stays_inside_the_root_is_served()
    {
        Assert.Equal("inside", (await RawHttp.GetAsync(server.Port, "/alias.txt")).Body);
    }

    [Fact]
    public async Task An_absolute_request_target_is_not_a_file_path()
    {
        var answer = await RawHttp.GetAsync(server.Port, "http://127.0.0.1" + folder.Combine("secret.txt"));

        Assert.Equal(404, answer.Status);
        Assert.DoesNotContain(Secret, answer.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_well_known_folder_is_served()
    {
        var answer = await RawHttp.GetAsync(server.Port, "/.well-known/security.txt");

        Assert.Equal((200, "Contact: mailto:security@example.org"), (answer.Status, answer.Body));
    }

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        folder.Dispose();
    }
}
