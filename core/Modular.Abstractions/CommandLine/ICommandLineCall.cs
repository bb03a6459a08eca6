namespace Modular.Abstractions;

/// <summary>What a plugin's command-line verb gets from the host (contract 1.4).</summary>
public interface ICommandLineCall
{
    /// <summary>The words after the verb, as typed (options included: the verb parses its own).</summary>
    IReadOnlyList<string> Arguments { get; }

    /// <summary>Standard output.</summary>
    TextWriter Output { get; }

    /// <summary>Standard error: messages for people, one problem per line.</summary>
    TextWriter Errors { get; }

    /// <summary>A client of the running server's admin API, found and authorised by the settings as <c>modular server status</c>
    /// does (its base address is the admin API's root); null, with the reason written to <see cref="Errors"/>, when the
    /// settings do not say where it is (adminAddress off, settings with problems).</summary>
    HttpClient? CreateAdminClient();
}
