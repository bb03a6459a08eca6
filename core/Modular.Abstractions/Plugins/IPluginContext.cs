using Microsoft.Extensions.Logging;

namespace Modular.Abstractions;

/// <summary>What the host gives a plugin while it registers its services.</summary>
public interface IPluginContext
{
    /// <summary>The plugin's id (its folder name).</summary>
    string Name { get; }

    /// <summary>The plugin's folder, holding its assembly and private dependencies.</summary>
    string Folder { get; }

    /// <summary>A logger whose category is the plugin's id.</summary>
    ILogger Logger { get; }

    /// <summary>The validated value of one of the plugin's settings classes at start.</summary>
    /// <remarks>Inside services, take <c>IOptionsMonitor&lt;TSettings&gt;</c> instead: it follows runtime changes.</remarks>
    TSettings GetSettings<TSettings>() where TSettings : class, new();
}
