namespace Modular.Abstractions;

/// <summary>The current value of any setting, the core's or a loaded plugin's, by its key.</summary>
/// <remarks>
/// For the few rules and features that span owners (hsts needs the core's <c>HTTPSEnabled</c> and
/// <c>HTTPSPort</c>). A plugin's own settings come typed through <c>IOptionsMonitor&lt;T&gt;</c>.
/// The host registers it as a service that always shows the running settings.
/// </remarks>
public interface ISettingsView
{
    /// <summary>The value of <paramref name="key"/> (compared without case).</summary>
    /// <exception cref="KeyNotFoundException">No loaded owner declares <paramref name="key"/>.</exception>
    /// <exception cref="InvalidCastException">The setting is not of type <typeparamref name="T"/>.</exception>
    T Value<T>(string key);
}
