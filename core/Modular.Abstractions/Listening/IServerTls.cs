using System.Net.Security;

namespace Modular.Abstractions;

/// <summary>The web server's TLS identity for a plugin that serves TLS on a listener of its own (contract 1.4): the
/// <c>cert.pem</c>/<c>key.pem</c> pair of certificateFolder, picked up again when replaced, with the cipherSuite setting.</summary>
/// <remarks>A service while <c>HTTPSEnabled</c> is on (absent otherwise). With Kestrel:
/// <c>listen.UseHttps(new TlsHandshakeCallbackOptions { OnConnection = _ => ValueTask.FromResult(tls.HandshakeOptions()) })</c>.</remarks>
public interface IServerTls
{
    /// <summary>Options for one handshake: the pair in use now and the cipher suites; a new object per call (Kestrel writes the
    /// negotiated protocols into the one it gets).</summary>
    SslServerAuthenticationOptions HandshakeOptions();
}
