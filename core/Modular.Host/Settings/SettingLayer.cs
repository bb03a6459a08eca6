namespace Modular.Host.Settings;

/// <summary>Where a setting's value came from; a later layer wins over an earlier one.</summary>
public enum SettingLayer
{
    /// <summary>The built-in default of the settings class.</summary>
    Default,

    /// <summary>The settings file (<c>modular.json</c>), persistent like 4D's Settings dialog.</summary>
    File,

    /// <summary>A <c>MODULAR_&lt;Name&gt;</c> environment variable.</summary>
    Environment,

    /// <summary>A <c>--&lt;Name&gt; value</c> command-line argument.</summary>
    CommandLine,

    /// <summary>A change made while running (like 4D's <c>WEB SET OPTION</c>).</summary>
    Runtime,
}
