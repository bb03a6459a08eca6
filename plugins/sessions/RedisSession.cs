using Modular.Abstractions;
using StackExchange.Redis;

namespace Modular.Plugins.Sessions;

/// <summary>A session of the Redis store as one request sees it: its storage goes to Redis on every call, field by field.</summary>
internal sealed class RedisSession(string id, SessionInfo info, RedisSessionStore store) : IWebSession, ISessionStorage
{
    public string Id => id;

    public SessionInfo Info => info;

    public ISessionStorage Storage => this;

    public CancellationToken IdleWork => store.IdleWorkOf(id);

    public async ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return await store.Redis.RunAsync(db => db.HashGetAsync(store.KeyOf(id), RedisSessionStore.ValuePrefix + key)).ConfigureAwait(false);
    }

    /// <summary>Writes the key; on a session that ended meanwhile (expired, or ended by an operator) the write is dropped with it.</summary>
    public async ValueTask SetAsync(string key, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        await store.SetIfAliveAsync(id, key, value).ConfigureAwait(false);
    }

    public async ValueTask<bool> RemoveAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return await store.Redis.RunAsync(db => db.HashDeleteAsync(store.KeyOf(id), RedisSessionStore.ValuePrefix + key)).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyDictionary<string, string>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        var fields = await store.Redis.RunAsync(db => db.HashGetAllAsync(store.KeyOf(id))).ConfigureAwait(false);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            var name = (string)field.Name!;
            if (name.StartsWith(RedisSessionStore.ValuePrefix, StringComparison.Ordinal))
            {
                values[name[RedisSessionStore.ValuePrefix.Length..]] = (string)field.Value!;
            }
        }
        return values;
    }
}
