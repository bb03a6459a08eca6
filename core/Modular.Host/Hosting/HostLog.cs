using Microsoft.Extensions.Logging;

namespace Modular.Host.Hosting;

/// <summary>The core's log messages, with stable event ids.</summary>
internal static partial class HostLog
{
    [LoggerMessage(1, LogLevel.Information, "Modular is listening on {Addresses}; plugins: {Plugins}.")]
    public static partial void Listening(this ILogger logger, string addresses, string plugins);

    [LoggerMessage(2, LogLevel.Information, "Wrote the default home page {HomePage}.")]
    public static partial void DefaultHomePageWritten(this ILogger logger, string homePage);

    [LoggerMessage(3, LogLevel.Warning, "The home page '{HomePage}' (defaultHomepage) does not exist under {Root}: '/' answers 404, or goes to the reverse proxy, until it does.")]
    public static partial void HomePageMissing(this ILogger logger, string homePage, string root);

    [LoggerMessage(4, LogLevel.Warning, "HTTPS is on and certificateFolder {Folder} had neither cert.pem nor key.pem: wrote a self-signed pair there. Browsers will warn; replace both files with your own certificate.")]
    public static partial void SelfSignedCertificateWritten(this ILogger logger, string folder);

    [LoggerMessage(6, LogLevel.Warning, "HTTPS is on and certificateFolder {Folder} has neither cert.pem nor key.pem, and the self-signed pair made for this run cannot be written there ({Reason}); the next start makes another one.")]
    public static partial void SelfSignedCertificateNotSaved(this ILogger logger, string folder, string reason);

    [LoggerMessage(7, LogLevel.Warning, "The default home page cannot be written to {HomePage}: {Reason}")]
    public static partial void DefaultHomePageNotWritten(this ILogger logger, string homePage, string reason);

    [LoggerMessage(5, LogLevel.Information, "cipherSuite lists no TLS 1.3 suite, so TLS 1.3 is off: clients are served over TLS 1.2.")]
    public static partial void Tls13Off(this ILogger logger);

    [LoggerMessage(20, LogLevel.Information, "The web server stopped; the process and the admin API keep running.")]
    public static partial void WebServerStopped(this ILogger logger);

    [LoggerMessage(28, LogLevel.Information, "The web server stopped; the process ends.")]
    public static partial void WebServerStoppedForExit(this ILogger logger);

    [LoggerMessage(21, LogLevel.Information, "launchAtStartup is false: the web server waits for POST /server/start on the admin API ({AdminAddress}).")]
    public static partial void WebServerWaiting(this ILogger logger, string adminAddress);

    [LoggerMessage(22, LogLevel.Information, "A new certificate was loaded for new TLS handshakes: {Subject}, valid until {NotAfter}.")]
    public static partial void CertificateReloaded(this ILogger logger, string subject, string notAfter);

    [LoggerMessage(23, LogLevel.Warning, "The new {CertificateFile} and {KeyFile} cannot be used ({Reason}); the certificate in use keeps serving.")]
    public static partial void CertificateRefused(this ILogger logger, string certificateFile, string keyFile, string reason);

    [LoggerMessage(24, LogLevel.Error, "Admin endpoint {Method} {Path} of plugin {Plugin} failed; answered 500.")]
    public static partial void PluginAdminFailed(this ILogger logger, Exception exception, string method, string path, string plugin);

    [LoggerMessage(25, LogLevel.Error, "The HTTP debug log cannot be written in {Folder}: {Reason}; its records are dropped until it can.")]
    public static partial void DebugLogUnwritable(this ILogger logger, string folder, string reason);

    [LoggerMessage(26, LogLevel.Information, "The admin API is listening on {Address}.")]
    public static partial void AdminListening(this ILogger logger, string address);

    [LoggerMessage(27, LogLevel.Error, "The web server could not start again and is stopped: {Problems}; POST /server/start once fixed.")]
    public static partial void WebServerNotRestarted(this ILogger logger, string problems);
}
