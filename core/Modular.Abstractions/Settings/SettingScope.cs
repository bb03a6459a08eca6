namespace Modular.Abstractions;

/// <summary>When a changed value of a setting takes effect in a running server (contract 1.1).</summary>
public enum SettingScope
{
    /// <summary>On the next request: the code reads <c>IOptionsMonitor&lt;T&gt;.CurrentValue</c> each time.</summary>
    NextRequest,

    /// <summary>When the listeners are bound again (ports, addresses, TLS).</summary>
    Listeners,

    /// <summary>At the next start of the process (what the plugins are, where files are).</summary>
    Start,
}
