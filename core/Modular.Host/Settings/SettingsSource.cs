using Microsoft.Extensions.Configuration;

namespace Modular.Host.Settings;

/// <summary>One layer of raw settings values, with a way to say where a key of it came from.</summary>
internal sealed class SettingsSource(SettingLayer layer, IConfiguration values, Func<string, string> describeOrigin)
{
    public SettingLayer Layer { get; } = layer;

    public IConfiguration Values { get; } = values;

    /// <summary>Names the place a key was read from, e.g. "from environment variable MODULAR_HTTPPort".</summary>
    public string DescribeOrigin(string key) => describeOrigin(key);
}
