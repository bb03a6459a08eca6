using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

namespace Modular.Host.Proxy;

/// <summary>Says in the server's log what became of each load of the <c>ReverseProxy</c> section, naming the file.</summary>
internal sealed class ProxyConfigReport(ReverseProxySection section, ILoggerFactory loggers) : IConfigChangeListener
{
    private readonly ILogger logger = loggers.CreateLogger("Modular");
    private bool anyApplied;

    public void ConfigurationLoadingFailed(IProxyConfigProvider configProvider, Exception exception) =>
        logger.ProxyConfigRefused(section.SettingsFile, ProxyErrors.Describe(exception));

    public void ConfigurationLoaded(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
    }

    public void ConfigurationApplyingFailed(IReadOnlyList<IProxyConfig> proxyConfigs, Exception exception) =>
        logger.ProxyConfigRefused(section.SettingsFile, ProxyErrors.Describe(exception));

    public void ConfigurationApplied(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
        var routes = proxyConfigs.Sum(c => c.Routes.Count);
        var clusters = proxyConfigs.Sum(c => c.Clusters.Count);
        // A server without a section says nothing about it; once it had routes, every change is told, down to none.
        if (routes + clusters > 0 || anyApplied)
        {
            anyApplied = true;
            logger.ProxyConfigApplied(section.SettingsFile, routes, clusters);
        }
    }
}
