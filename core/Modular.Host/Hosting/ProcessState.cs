using Modular.Host.Caching;
using Modular.Host.Connection;
using Modular.Host.Settings;

namespace Modular.Host.Hosting;

/// <summary>What outlives a stop and start of the web server inside the process: the running settings, the static page cache, the statistics, the clock.</summary>
internal sealed record ProcessState(SettingsStore Store, StaticPageCache Cache, ServerStatistics Statistics, TimeProvider Clock);
