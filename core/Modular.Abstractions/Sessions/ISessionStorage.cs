namespace Modular.Abstractions;

/// <summary>A session's storage: text values by key (JSON, for structured ones), shared by all requests of the session (contract 1.2).</summary>
/// <remarks>Each key is written on its own: two requests writing different keys at once both keep their write.
/// Asynchronous because the store may be remote (Redis); a store that cannot be reached throws <see cref="SessionUnavailableException"/>.</remarks>
public interface ISessionStorage
{
    /// <summary>The value of <paramref name="key"/>, or null when there is none.</summary>
    ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default);

    ValueTask SetAsync(string key, string value, CancellationToken cancellationToken = default);

    /// <summary>Removes <paramref name="key"/>; false when there was no such key.</summary>
    ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Every key and value at the time of the call.</summary>
    ValueTask<IReadOnlyDictionary<string, string>> GetAllAsync(CancellationToken cancellationToken = default);
}
