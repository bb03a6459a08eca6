namespace Modular.Abstractions;

/// <summary>Marks an assembly as a Modular plugin and names its entry type and settings classes.</summary>
/// <remarks>
/// The loader reads this attribute instead of scanning types. The settings classes are listed here,
/// not registered in code, so the host knows which keys a plugin owns even when the plugin is
/// present but not selected by the <c>plugins</c> setting (a key of an unselected plugin is then
/// reported with the plugin's name instead of as an unknown key).
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class ModularPluginAttribute(Type pluginType) : Attribute
{
    /// <summary>The type implementing <see cref="IModularPlugin"/>, with a public parameterless constructor.</summary>
    public Type PluginType { get; } = pluginType;

    /// <summary>The plugin's settings classes (see <see cref="SettingAttribute"/>); each becomes an <c>IOptionsMonitor&lt;T&gt;</c>.</summary>
    public Type[] Settings { get; init; } = [];
}
