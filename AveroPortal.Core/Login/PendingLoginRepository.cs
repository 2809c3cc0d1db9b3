using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using AveroPortal.Core.Data;
using Dapper;

namespace AveroPortal.Core.Login;

/// <summary>
/// Server-side, single-use login progress. The browser holds only a random 256-bit id (in a protected cookie); the
/// table holds its SHA-256, so neither a copy of the cookie after use nor a copy of the database signs anyone in. A
/// row is used up by a conditional DELETE: of any number of parallel completions exactly one sees a row count of 1.
/// The SQL is plain ANSI, which SQLite and PostgreSQL both run.
/// </summary>
public sealed class PendingLoginRepository(Db db, TimeProvider clock)
{
    /// <summary>Long enough to open the authenticator app (or scan a QR code), short enough that a copied cookie goes stale.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public const int TokenLength = 43;

    /// <summary>
    /// Starts a pending login and, in the same transaction, ends every older one of the account: only the latest
    /// password step can lead to a session. Returns the id for the cookie.
    /// </summary>
    /// <param name="returnUrl">Already checked to be local (the web layer's open-redirect guard), or null.</param>
    public async Task<string> StartAsync(Account account, string? returnUrl)
    {
        const string endOlder = "DELETE FROM pending_logins WHERE account_id = @AccountId AND purpose = @Purpose";
        const string insert = """
            INSERT INTO pending_logins (id_hash, purpose, account_id, portal, security_stamp, return_url, created_at, expires_at)
            VALUES (@IdHash, @Purpose, @AccountId, @Portal, @SecurityStamp, @ReturnUrl, @Now, @ExpiresAt)
            """;
        var token = NewToken();
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(endOlder, new { AccountId = account.Id, Purpose = PendingPurposes.Password }, transaction);
        await connection.ExecuteAsync(insert, new
        {
            IdHash = Hash(token),
            Purpose = PendingPurposes.Password,
            AccountId = account.Id,
            account.Portal,
            account.SecurityStamp,
            ReturnUrl = string.IsNullOrEmpty(returnUrl) ? null : returnUrl,
            Now = now.ToUnixTimeSeconds(),
            ExpiresAt = now.Add(Lifetime).ToUnixTimeSeconds(),
        }, transaction);
        await transaction.CommitAsync();
        return token;
    }

    /// <summary>
    /// The open pending login behind <paramref name="token"/>, or null when it is unknown, used, ended, expired, or
    /// the account changed its security stamp (or was disabled) since the password step.
    /// </summary>
    public async Task<PendingLogin?> FindAsync(string? token)
    {
        const string sql = """
            SELECT p.account_id AS AccountId, p.portal AS Portal, p.security_stamp AS SecurityStamp,
                   p.return_url AS ReturnUrl, p.expires_at AS ExpiresAt
            FROM pending_logins p JOIN accounts a ON a.id = p.account_id
            WHERE p.id_hash = @IdHash AND p.purpose = @Purpose AND p.expires_at > @Now
              AND a.security_stamp = p.security_stamp AND a.disabled_at IS NULL
            """;
        if (!LooksValid(token))
        {
            return null;
        }

        await using var connection = await db.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<PendingLogin>(sql, new
        {
            IdHash = Hash(token!),
            Purpose = PendingPurposes.Password,
            Now = clock.GetUtcNow().ToUnixTimeSeconds(),
        });
    }

    /// <summary>
    /// Uses the pending login up. True for exactly one caller, and only while it is open and the account still has
    /// the stamp of the password step: the condition is in the DELETE itself, so parallel completions can not both win.
    /// </summary>
    public async Task<bool> TryConsumeAsync(string? token, long accountId)
    {
        await using var connection = await db.OpenAsync();
        return await TryConsumeAsync(token, accountId, connection, null);
    }

    /// <summary>Inside the caller's transaction, so using the pending login up and the change it leads to commit together.</summary>
    /// <inheritdoc cref="TryConsumeAsync(string?, long)"/>
    public async Task<bool> TryConsumeAsync(string? token, long accountId, DbConnection connection, DbTransaction? transaction)
    {
        const string sql = """
            DELETE FROM pending_logins
            WHERE id_hash = @IdHash AND purpose = @Purpose AND account_id = @AccountId AND expires_at > @Now
              AND EXISTS (SELECT 1 FROM accounts a
                          WHERE a.id = pending_logins.account_id AND a.security_stamp = pending_logins.security_stamp
                            AND a.disabled_at IS NULL)
            """;
        if (!LooksValid(token))
        {
            return false;
        }

        return await connection.ExecuteAsync(sql, new
        {
            IdHash = Hash(token!),
            Purpose = PendingPurposes.Password,
            AccountId = accountId,
            Now = clock.GetUtcNow().ToUnixTimeSeconds(),
        }, transaction) == 1;
    }

    /// <summary>Progress that belongs to no account yet (the bank's answer of an iDIN login). Returns the id for the cookie.</summary>
    public async Task<string> StartWithoutAccountAsync(string purpose, string portal)
    {
        const string sql = """
            INSERT INTO pending_logins (id_hash, purpose, account_id, portal, security_stamp, return_url, created_at, expires_at)
            VALUES (@IdHash, @Purpose, NULL, @Portal, NULL, NULL, @Now, @ExpiresAt)
            """;
        var token = NewToken();
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(sql, new
        {
            IdHash = Hash(token),
            Purpose = purpose,
            Portal = portal,
            Now = now.ToUnixTimeSeconds(),
            ExpiresAt = now.Add(Lifetime).ToUnixTimeSeconds(),
        });
        return token;
    }

    public async Task<bool> IsOpenWithoutAccountAsync(string? token, string purpose)
    {
        const string sql = """
            SELECT COUNT(*) FROM pending_logins
            WHERE id_hash = @IdHash AND purpose = @Purpose AND account_id IS NULL AND expires_at > @Now
            """;
        if (!LooksValid(token))
        {
            return false;
        }

        await using var connection = await db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, new { IdHash = Hash(token!), Purpose = purpose, Now = clock.GetUtcNow().ToUnixTimeSeconds() }) == 1;
    }

    /// <summary>Uses up progress without an account; true for exactly one caller (see <see cref="TryConsumeAsync(string?, long)"/>).</summary>
    public async Task<bool> TryConsumeWithoutAccountAsync(string? token, string purpose)
    {
        const string sql = """
            DELETE FROM pending_logins
            WHERE id_hash = @IdHash AND purpose = @Purpose AND account_id IS NULL AND expires_at > @Now
            """;
        if (!LooksValid(token))
        {
            return false;
        }

        await using var connection = await db.OpenAsync();
        return await connection.ExecuteAsync(sql, new { IdHash = Hash(token!), Purpose = purpose, Now = clock.GetUtcNow().ToUnixTimeSeconds() }) == 1;
    }

    /// <summary>Ends one pending row, whatever its purpose (the browser logs out or starts again).</summary>
    public async Task EndAsync(string? token)
    {
        const string sql = "DELETE FROM pending_logins WHERE id_hash = @IdHash";
        if (!LooksValid(token))
        {
            return;
        }

        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(sql, new { IdHash = Hash(token!) });
    }

    /// <summary>Ends every pending login of the account (log-out, sign out everywhere else, a password change).</summary>
    public async Task<int> EndForAccountAsync(long accountId)
    {
        const string sql = "DELETE FROM pending_logins WHERE account_id = @AccountId";
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteAsync(sql, new { AccountId = accountId });
    }

    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(token)));

    /// <summary>Shape check before any database look-up: 43 base64url characters.</summary>
    private static bool LooksValid(string? token) =>
        token is { Length: TokenLength } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
