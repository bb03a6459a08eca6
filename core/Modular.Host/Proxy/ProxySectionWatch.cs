namespace Modular.Host.Proxy;

/// <summary>The watch of an application built without the reverse proxy for a ReverseProxy section appearing in the settings
/// file; it ends with the application.</summary>
internal sealed class ProxySectionWatch(IDisposable registration) : IDisposable
{
    public void Dispose() => registration.Dispose();
}
