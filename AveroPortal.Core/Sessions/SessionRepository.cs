using System.Security.Cryptography;
using AveroPortal.Core.Data;
using Dapper;

namespace AveroPortal.Core.Sessions;

/// <summary>Server-side sessions: a sign-in creates a new one, so a session id is never reused across logins.</summary>
public sealed class SessionRepository(Db db, TimeProvider clock)
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan AbsoluteTimeout = TimeSpan.FromHours(12);

    /// <summary>Sessions that are open right now (not ended, not idle, not past their absolute end), for the metrics gauge.</summary>
    public long CountActive()
    {
        const string sql = """
            SELECT COUNT(*) FROM sessions
            WHERE ended_at IS NULL AND absolute_expiry > @Now AND last_seen_at > @IdleSince
            """;
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        // Synchronous: an observable gauge is read inside the scrape, which has no async callback.
        using var connection = db.OpenAsync().GetAwaiter().GetResult();
        return connection.ExecuteScalar<long>(sql, new { Now = now, IdleSince = now - (long)IdleTimeout.TotalSeconds });
    }

    public Task<string> CreateAsync(long accountId, string method, string? remoteIp, string? userAgent) =>
        CreateAsync(accountId, null, method, remoteIp, userAgent);

    public Task<string> CreateForEHerkenningAsync(long identityId, string? remoteIp, string? userAgent) =>
        CreateAsync(null, identityId, Login.LoginMethods.EHerkenning, remoteIp, userAgent);

    public Task<string> CreateForIdinAsync(long idinIdentityId, string? remoteIp, string? userAgent) =>
        CreateAsync(null, null, Login.LoginMethods.Idin, remoteIp, userAgent, idinIdentityId);

    private async Task<string> CreateAsync(long? accountId, long? identityId, string method, string? remoteIp, string? userAgent, long? idinIdentityId = null)
    {
        const string sql = """
            INSERT INTO sessions (id, account_id, eherkenning_identity_id, idin_identity_id, method, created_at, last_seen_at, absolute_expiry, remote_ip, user_agent, ended_at)
            VALUES (@Id, @AccountId, @IdentityId, @IdinIdentityId, @Method, @Now, @Now, @AbsoluteExpiry, @RemoteIp, @UserAgent, NULL)
            """;
        var now = clock.GetUtcNow();
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(sql, new
        {
            Id = id,
            AccountId = accountId,
            IdentityId = identityId,
            IdinIdentityId = idinIdentityId,
            Method = method,
            Now = now.ToUnixTimeSeconds(),
            AbsoluteExpiry = now.Add(AbsoluteTimeout).ToUnixTimeSeconds(),
            RemoteIp = remoteIp,
            UserAgent = userAgent,
        });
        return id;
    }

    /// <summary>The session with its account's current security stamp (empty for eHerkenning and iDIN), to compare with the one in the cookie.</summary>
    public async Task<Session?> GetAsync(string id)
    {
        const string sql = """
            SELECT s.id AS Id, s.account_id AS AccountId, s.eherkenning_identity_id AS EHerkenningIdentityId,
                   s.idin_identity_id AS IdinIdentityId, s.method AS Method,
                   s.created_at AS CreatedAt, s.last_seen_at AS LastSeenAt, s.absolute_expiry AS AbsoluteExpiry,
                   s.remote_ip AS RemoteIp, s.user_agent AS UserAgent, s.ended_at AS EndedAt,
                   COALESCE(a.security_stamp, '') AS SecurityStamp
            FROM sessions s LEFT JOIN accounts a ON a.id = s.account_id
            WHERE s.id = @Id
            """;
        await using var connection = await db.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<Session>(sql, new { Id = id });
    }

    /// <summary>Live = not ended, not idle for 30 minutes, not older than 12 hours.</summary>
    public bool IsLive(Session session)
    {
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        return session.EndedAt is null
            && now < session.AbsoluteExpiry
            && now - session.LastSeenAt < (long)IdleTimeout.TotalSeconds;
    }

    public async Task TouchAsync(string id)
    {
        const string sql = "UPDATE sessions SET last_seen_at = @Now WHERE id = @Id AND ended_at IS NULL";
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(sql, new { Id = id, Now = clock.GetUtcNow().ToUnixTimeSeconds() });
    }

    public async Task EndAsync(string id)
    {
        const string sql = "UPDATE sessions SET ended_at = @Now WHERE id = @Id AND ended_at IS NULL";
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(sql, new { Id = id, Now = clock.GetUtcNow().ToUnixTimeSeconds() });
    }

    public async Task<int> EndAllForAccountAsync(long accountId, string? exceptSessionId = null)
    {
        const string sql = """
            UPDATE sessions SET ended_at = @Now
            WHERE account_id = @AccountId AND ended_at IS NULL AND id <> @Except
            """;
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteAsync(sql, new
        {
            AccountId = accountId,
            Except = exceptSessionId ?? "",
            Now = clock.GetUtcNow().ToUnixTimeSeconds(),
        });
    }
}
