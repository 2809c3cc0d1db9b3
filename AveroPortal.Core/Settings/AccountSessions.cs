using AveroPortal.Core.Data;
using AveroPortal.Core.Login;
using AveroPortal.Core.Sessions;
using Dapper;

namespace AveroPortal.Core.Settings;

/// <summary>The account's own view of where it is logged in, and "sign out everywhere else".</summary>
public sealed class AccountSessions(Db db, SessionRepository sessions, PendingLoginRepository pendingLogins, TimeProvider clock)
{
    private sealed record Row(string Id, long CreatedAt, long LastSeenAt, string? RemoteIp, string? UserAgent);

    /// <summary>Live sessions (the same test as <see cref="SessionRepository.IsLive"/>), most recently used first.</summary>
    public async Task<IReadOnlyList<ActiveSession>> ListLiveAsync(long accountId, string? currentSessionId)
    {
        const string sql = """
            SELECT id AS Id, created_at AS CreatedAt, last_seen_at AS LastSeenAt, remote_ip AS RemoteIp, user_agent AS UserAgent
            FROM sessions
            WHERE account_id = @AccountId AND ended_at IS NULL AND absolute_expiry > @Now AND last_seen_at > @IdleSince
            ORDER BY last_seen_at DESC, created_at DESC
            """;
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        await using var connection = await db.OpenAsync();
        var rows = await connection.QueryAsync<Row>(sql, new
        {
            AccountId = accountId,
            Now = now,
            IdleSince = now - (long)SessionRepository.IdleTimeout.TotalSeconds,
        });
        return rows.Select(r => new ActiveSession(r.CreatedAt, r.LastSeenAt, r.RemoteIp, r.UserAgent, r.Id == currentSessionId)).ToList();
    }

    /// <summary>
    /// Ends every other session and every pending login of the account and returns how many sessions ended; null (and nothing ended) when
    /// <paramref name="currentSessionId"/> is not a live session of this account, so a stale or foreign id can never
    /// end the customer's own session along with the others.
    /// </summary>
    public async Task<int?> SignOutElsewhereAsync(long accountId, string? currentSessionId)
    {
        if (string.IsNullOrEmpty(currentSessionId)
            || await sessions.GetAsync(currentSessionId) is not { } current
            || current.AccountId != accountId
            || !sessions.IsLive(current))
        {
            return null;
        }

        // A login on its way elsewhere (password accepted, code pending) ends too: it would be a session a moment later.
        await pendingLogins.EndForAccountAsync(accountId);
        return await sessions.EndAllForAccountAsync(accountId, currentSessionId);
    }
}
