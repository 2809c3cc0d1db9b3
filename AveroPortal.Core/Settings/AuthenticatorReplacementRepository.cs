using System.Security.Cryptography;
using System.Text;
using AveroPortal.Core.Data;
using Dapper;

namespace AveroPortal.Core.Settings;

/// <summary>
/// Pending authenticator replacements and the swap itself. The SQL is plain ANSI plus <c>ON CONFLICT</c>, which
/// SQLite and PostgreSQL both understand.
/// </summary>
public sealed class AuthenticatorReplacementRepository(Db db, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private const string Columns = """
        account_id AS AccountId, session_id AS SessionId, secret_protected AS SecretProtected,
        current_secret_hash AS CurrentSecretHash, created_at AS CreatedAt, expires_at AS ExpiresAt
        """;

    /// <summary>Stores the account's one pending replacement, replacing an older one (from any session).</summary>
    public async Task<PendingReplacement> SaveAsync(long accountId, string sessionId, string secretProtected, string currentSecretProtected)
    {
        const string sweep = "DELETE FROM authenticator_replacements WHERE expires_at <= @Now";
        const string upsert = """
            INSERT INTO authenticator_replacements (account_id, session_id, secret_protected, current_secret_hash, created_at, expires_at)
            VALUES (@AccountId, @SessionId, @SecretProtected, @CurrentSecretHash, @Now, @ExpiresAt)
            ON CONFLICT (account_id) DO UPDATE SET
                session_id = excluded.session_id, secret_protected = excluded.secret_protected,
                current_secret_hash = excluded.current_secret_hash, created_at = excluded.created_at, expires_at = excluded.expires_at
            """;
        var now = clock.GetUtcNow();
        var row = new PendingReplacement(accountId, sessionId, secretProtected, Fingerprint(currentSecretProtected),
            now.ToUnixTimeSeconds(), now.Add(Lifetime).ToUnixTimeSeconds());
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(sweep, new { Now = row.CreatedAt });
        await connection.ExecuteAsync(upsert, new
        {
            row.AccountId,
            row.SessionId,
            row.SecretProtected,
            row.CurrentSecretHash,
            Now = row.CreatedAt,
            row.ExpiresAt,
        });
        return row;
    }

    /// <summary>
    /// The replacement this session started for this account, unless it expired, was started again elsewhere, or the
    /// session ended (log-out, sign out everywhere else, a Supportdesk action): the proof of step 1 belongs to that session.
    /// </summary>
    public async Task<PendingReplacement?> FindAsync(long accountId, string sessionId)
    {
        const string sql = $"""
            SELECT {Columns} FROM authenticator_replacements
            WHERE account_id = @AccountId AND session_id = @SessionId AND expires_at > @Now
              AND EXISTS (SELECT 1 FROM sessions s WHERE s.id = authenticator_replacements.session_id AND s.ended_at IS NULL)
            """;
        await using var connection = await db.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<PendingReplacement>(sql, new
        {
            AccountId = accountId,
            SessionId = sessionId,
            Now = clock.GetUtcNow().ToUnixTimeSeconds(),
        });
    }

    /// <summary>
    /// In one transaction: claims the pending row (so a second confirm finds nothing) and puts its secret on the
    /// binding with <paramref name="step"/> as its last accepted step. Either both land or neither does, so exactly
    /// one of the old and the new app works at any moment. False when the pending row is gone or expired, its session
    /// ended, or the binding is no longer the one the replacement started from.
    /// </summary>
    public async Task<bool> TrySwapAsync(PendingReplacement pending, string currentSecretProtected, long step)
    {
        const string claim = """
            DELETE FROM authenticator_replacements
            WHERE account_id = @AccountId AND session_id = @SessionId AND secret_protected = @SecretProtected AND expires_at > @Now
              AND EXISTS (SELECT 1 FROM sessions s WHERE s.id = authenticator_replacements.session_id AND s.ended_at IS NULL)
            """;
        const string swap = """
            UPDATE authenticator_bindings SET secret_protected = @SecretProtected, enrolled_at = @Now, last_accepted_step = @Step
            WHERE account_id = @AccountId AND enrolled_at IS NOT NULL AND secret_protected = @CurrentSecretProtected
            """;
        if (Fingerprint(currentSecretProtected) != pending.CurrentSecretHash)
        {
            return false;
        }

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var claimed = await connection.ExecuteAsync(claim, new { pending.AccountId, pending.SessionId, pending.SecretProtected, Now = now }, transaction);
        var swapped = claimed == 1 && await connection.ExecuteAsync(swap, new
        {
            pending.AccountId,
            pending.SecretProtected,
            CurrentSecretProtected = currentSecretProtected,
            Step = step,
            Now = now,
        }, transaction) == 1;
        if (!swapped)
        {
            await transaction.RollbackAsync();
            return false;
        }

        await transaction.CommitAsync();
        return true;
    }

    public async Task DeleteAsync(long accountId, string sessionId)
    {
        const string sql = "DELETE FROM authenticator_replacements WHERE account_id = @AccountId AND session_id = @SessionId";
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(sql, new { AccountId = accountId, SessionId = sessionId });
    }

    private static string Fingerprint(string secretProtected) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secretProtected)));
}
