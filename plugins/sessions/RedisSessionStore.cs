using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using Modular.Abstractions;
using StackExchange.Redis;

namespace Modular.Plugins.Sessions;

/// <summary>Sessions in Redis, shared by every instance that uses it: one hash per session, whose expiry Redis keeps
/// (renewed on each use, so it slides) and whose storage keys are written field by field.</summary>
/// <remarks>
/// Key <c>&lt;sessionCookieName&gt;:&lt;id&gt;</c>; fields <c>m:created</c>, <c>m:last</c> (Unix milliseconds) and <c>m:client</c>
/// describe the session, <c>v:&lt;key&gt;</c> hold its storage. Finding a session, making one and writing a value are each
/// one script, so an expired session is never brought back by a write racing its expiry.
/// </remarks>
internal sealed class RedisSessionStore(RedisConnection redis, SessionCookie cookie, IOptionsMonitor<WebSessionOptions> options, TimeProvider clock) : ISessionStore, IDisposable
{
    private const string FindScript = """
        local meta = redis.call('HMGET', KEYS[1], 'm:created', 'm:client')
        if not meta[1] then return false end
        redis.call('HSET', KEYS[1], 'm:last', ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return meta
        """;

    private const string CreateScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('HSET', KEYS[1], 'm:created', ARGV[1], 'm:last', ARGV[1], 'm:client', ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return 1
        """;

    private const string SetScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        return 1
        """;

    internal const string ValuePrefix = "v:";

    /// <summary>Idle work is per instance: only the work this instance runs for a session can be cancelled here.</summary>
    private readonly ConcurrentDictionary<string, IdleWork> idleWork = new(StringComparer.Ordinal);

    internal RedisConnection Redis => redis;

    internal RedisKey KeyOf(string id) => $"{cookie.Name}:{id}";

    public async ValueTask<IWebSession?> FindAsync(string id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var found = await redis.RunAsync(db => db.ScriptEvaluateAsync(FindScript, [KeyOf(id)], [now.ToUnixTimeMilliseconds(), Lifetime])).ConfigureAwait(false);
        if (found.IsNull)
        {
            return null;
        }
        var meta = (RedisResult[])found!;
        if (idleWork.TryGetValue(id, out var work))
        {
            work.Renew();
        }
        var created = DateTimeOffset.FromUnixTimeMilliseconds((long)meta[0]);
        return new RedisSession(id, new SessionInfo(created, now, (string?)meta[1] ?? ""), this);
    }

    public async ValueTask<IWebSession> CreateAsync(string clientAddress, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        string id;
        // 128 random bits do not collide; the script's EXISTS is the guard all the same.
        do
        {
            id = SessionId.New();
        }
        while ((int)await redis.RunAsync(db => db.ScriptEvaluateAsync(CreateScript, [KeyOf(id)], [now.ToUnixTimeMilliseconds(), clientAddress, Lifetime])).ConfigureAwait(false) == 0);
        return new RedisSession(id, new SessionInfo(now, now, clientAddress), this);
    }

    public async ValueTask<long> CountAsync(CancellationToken cancellationToken)
    {
        long count = 0;
        foreach (var server in await redis.PrimariesAsync().ConfigureAwait(false))
        {
            try
            {
                await foreach (var _ in server.KeysAsync(pattern: cookie.Name + ":*", pageSize: 1000).WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    count++;
                }
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                throw redis.Unavailable(e.Message, e);
            }
        }
        return count;
    }

    /// <summary>Scans the keys of every primary until <paramref name="limit"/> sessions are found, then reads when each was made,
    /// last used, and by whom (one round trip per session: the list is for people, a page at a time).</summary>
    public async ValueTask<IReadOnlyList<ListedSession>> ListAsync(int limit, CancellationToken cancellationToken)
    {
        var prefix = cookie.Name + ":";
        var ids = new List<string>();
        foreach (var server in await redis.PrimariesAsync().ConfigureAwait(false))
        {
            try
            {
                await foreach (var key in server.KeysAsync(pattern: prefix + "*", pageSize: 1000).WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    ids.Add(((string)key!)[prefix.Length..]);
                    if (ids.Count == limit)
                    {
                        break;
                    }
                }
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                throw redis.Unavailable(e.Message, e);
            }
        }
        var listed = new List<ListedSession>();
        foreach (var id in ids)
        {
            var meta = await redis.RunAsync(db => db.HashGetAsync(KeyOf(id), ["m:created", "m:last", "m:client"])).ConfigureAwait(false);
            // Gone between the scan and the read: not live any more.
            if (meta[0].TryParse(out long created) && meta[1].TryParse(out long last))
            {
                listed.Add(new ListedSession(id, new SessionInfo(DateTimeOffset.FromUnixTimeMilliseconds(created), DateTimeOffset.FromUnixTimeMilliseconds(last), (string?)meta[2] ?? "")));
            }
        }
        return [.. listed.OrderByDescending(session => session.Info.LastAccess)];
    }

    public async ValueTask<bool> EndAsync(string id, CancellationToken cancellationToken)
    {
        var ended = await redis.RunAsync(db => db.KeyDeleteAsync(KeyOf(id))).ConfigureAwait(false);
        if (idleWork.TryRemove(id, out var work))
        {
            work.Dispose();
        }
        return ended;
    }

    /// <summary>Cancels this instance's work for sessions idle for inactiveProcessTimeout, wherever they were last used,
    /// and forgets it for sessions that ended; Redis ends the sessions themselves.</summary>
    public async ValueTask SweepAsync(CancellationToken cancellationToken)
    {
        var ids = idleWork.Keys.ToList();
        if (ids.Count == 0)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var limit = options.CurrentValue.IdleWorkLifetime;
        var lastUses = await redis.RunAsync(db => Task.WhenAll(ids.Select(id => db.HashGetAsync(KeyOf(id), "m:last")))).ConfigureAwait(false);
        for (var i = 0; i < ids.Count; i++)
        {
            var idle = lastUses[i].IsNull || now - DateTimeOffset.FromUnixTimeMilliseconds((long)lastUses[i]) >= limit;
            // Removed once cancelled: the session's next use makes a fresh token.
            if (idle && idleWork.TryRemove(ids[i], out var work))
            {
                work.Dispose();
            }
        }
    }

    internal CancellationToken IdleWorkOf(string id) => idleWork.GetOrAdd(id, _ => new IdleWork()).Token;

    internal async ValueTask<bool> SetIfAliveAsync(string id, string key, string value) =>
        (int)await redis.RunAsync(db => db.ScriptEvaluateAsync(SetScript, [KeyOf(id)], [ValuePrefix + key, value])).ConfigureAwait(false) == 1;

    private long Lifetime => (long)options.CurrentValue.SessionLifetime.TotalMilliseconds;

    public void Dispose()
    {
        foreach (var work in idleWork.Values)
        {
            work.Dispose();
        }
        idleWork.Clear();
    }
}
