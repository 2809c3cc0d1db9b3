using AveroPortal.Core.Data;
using Dapper;

namespace AveroPortal.Core.PasswordReset;

/// <summary>
/// Reset links and the per-address request counter. Every step that uses a link up (or moves it on) is one conditional
/// UPDATE whose row count decides, so of parallel uses exactly one wins, on SQLite and PostgreSQL alike.
/// </summary>
internal sealed class PasswordResetRepository(Db db, TimeProvider clock)
{
    /// <summary>The one insert of a request, made for unknown addresses too (with no account), so both do the same work.</summary>
    public async Task<string> IssueAsync(long? accountId, string? securityStamp)
    {
        const string sql = """
            INSERT INTO password_resets (token_hash, account_id, security_stamp, created_at, expires_at, factor_passed_at, used_at)
            VALUES (@TokenHash, @AccountId, @SecurityStamp, @Now, @ExpiresAt, NULL, NULL)
            """;
        var token = PasswordResetTokens.NewToken();
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(sql, new
        {
            TokenHash = PasswordResetTokens.Hash(token),
            AccountId = accountId,
            SecurityStamp = securityStamp,
            Now = now.ToUnixTimeSeconds(),
            ExpiresAt = now.Add(PasswordResetTokens.Lifetime).ToUnixTimeSeconds(),
        });
        return token;
    }

    /// <summary>
    /// Counts one request on the address and returns the count in the current window. One statement (an upsert with
    /// RETURNING), so parallel requests on one address can not both read the same count.
    /// </summary>
    public async Task<long> CountRequestAsync(string addressHash, TimeSpan window)
    {
        const string sql = """
            INSERT INTO password_reset_requests (address_hash, window_start, request_count, expires_at)
            VALUES (@AddressHash, @Now, 1, @ExpiresAt)
            ON CONFLICT (address_hash) DO UPDATE SET
                request_count = CASE WHEN password_reset_requests.window_start <= @WindowOpenedBefore THEN 1
                                     ELSE password_reset_requests.request_count + 1 END,
                expires_at = CASE WHEN password_reset_requests.window_start <= @WindowOpenedBefore THEN @ExpiresAt
                                  ELSE password_reset_requests.expires_at END,
                window_start = CASE WHEN password_reset_requests.window_start <= @WindowOpenedBefore THEN @Now
                                    ELSE password_reset_requests.window_start END
            RETURNING request_count
            """;
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, new
        {
            AddressHash = addressHash,
            Now = now.ToUnixTimeSeconds(),
            ExpiresAt = now.Add(window).ToUnixTimeSeconds(),
            WindowOpenedBefore = now.Subtract(window).ToUnixTimeSeconds(),
        });
    }

    public async Task<OpenReset?> FindAsync(string token)
    {
        const string sql = """
            SELECT r.account_id AS AccountId, r.expires_at AS ExpiresAt, r.factor_passed_at AS FactorPassedAt, r.used_at AS UsedAt,
                   CAST(CASE WHEN a.security_stamp = r.security_stamp THEN 1 ELSE 0 END AS BIGINT) AS StampMatches,
                   CAST(CASE WHEN a.disabled_at IS NOT NULL THEN 1 ELSE 0 END AS BIGINT) AS AccountDisabled,
                   CAST(CASE WHEN EXISTS (SELECT 1 FROM authenticator_bindings b WHERE b.account_id = r.account_id AND b.enrolled_at IS NOT NULL)
                        THEN 1 ELSE 0 END AS BIGINT) AS Enrolled
            FROM password_resets r LEFT JOIN accounts a ON a.id = r.account_id
            WHERE r.token_hash = @TokenHash
            """;
        await using var connection = await db.OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<Row>(sql, new { TokenHash = PasswordResetTokens.Hash(token) });
        return row is null ? null : new OpenReset(row.AccountId, row.ExpiresAt, row.FactorPassedAt, row.UsedAt,
            row.StampMatches == 1, row.AccountDisabled == 1, row.Enrolled == 1);
    }

    /// <summary>Records that the second factor was given on this link; true for one caller while the link is open.</summary>
    public async Task<bool> TryPassFactorAsync(string token, long accountId)
    {
        const string sql = $"""
            UPDATE password_resets SET factor_passed_at = @Now
            WHERE token_hash = @TokenHash AND account_id = @AccountId AND factor_passed_at IS NULL AND {OpenCondition}
            """;
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteAsync(sql, Parameters(token, accountId)) == 1;
    }

    /// <summary>
    /// Uses the link up and, in the same transaction, sets the new password, changes the security stamp (every
    /// session and the other open links of the account end with it) and ends the sessions and pending logins. The
    /// link's own UPDATE decides: it requires the factor to have been given unless the account has no enrolled
    /// authenticator at this moment, so a link alone never resets an enrolled account.
    /// </summary>
    public async Task<bool> TryCompleteAsync(string token, long accountId, string passwordHash, string newStamp)
    {
        const string claim = $"""
            UPDATE password_resets SET used_at = @Now
            WHERE token_hash = @TokenHash AND account_id = @AccountId AND {OpenCondition}
              AND (factor_passed_at IS NOT NULL
                   OR NOT EXISTS (SELECT 1 FROM authenticator_bindings b
                                  WHERE b.account_id = password_resets.account_id AND b.enrolled_at IS NOT NULL))
            """;
        const string account = "UPDATE accounts SET password_hash = @PasswordHash, security_stamp = @Stamp WHERE id = @AccountId";
        const string sessions = "UPDATE sessions SET ended_at = @Now WHERE account_id = @AccountId AND ended_at IS NULL";
        const string pending = "DELETE FROM pending_logins WHERE account_id = @AccountId";
        var parameters = Parameters(token, accountId);
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (await connection.ExecuteAsync(claim, parameters, transaction) != 1)
        {
            return false;
        }

        await connection.ExecuteAsync(account, new { AccountId = accountId, PasswordHash = passwordHash, Stamp = newStamp }, transaction);
        await connection.ExecuteAsync(sessions, parameters, transaction);
        await connection.ExecuteAsync(pending, parameters, transaction);
        await transaction.CommitAsync();
        return true;
    }

    /// <summary>Open: not used, not expired, and the account is the one (same stamp, not disabled) the link was sent for.</summary>
    private const string OpenCondition = """
        used_at IS NULL AND expires_at > @Now
        AND EXISTS (SELECT 1 FROM accounts a WHERE a.id = password_resets.account_id
                    AND a.security_stamp = password_resets.security_stamp AND a.disabled_at IS NULL)
        """;

    private object Parameters(string token, long accountId) => new
    {
        TokenHash = PasswordResetTokens.Hash(token),
        AccountId = accountId,
        Now = clock.GetUtcNow().ToUnixTimeSeconds(),
    };

    private sealed record Row(long? AccountId, long ExpiresAt, long? FactorPassedAt, long? UsedAt, long StampMatches, long AccountDisabled, long Enrolled);
}
