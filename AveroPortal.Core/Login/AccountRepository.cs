using System.Data.Common;
using System.Security.Cryptography;
using AveroPortal.Core.Data;
using Dapper;

namespace AveroPortal.Core.Login;

public sealed class AccountRepository(Db db, LockoutPolicy lockout, TimeProvider clock)
{
    private const string AccountColumns = """
        id AS Id, portal AS Portal, email AS Email, display_name AS DisplayName, password_hash AS PasswordHash,
        customer_id AS CustomerId, company_id AS CompanyId, failed_count AS FailedCount, lockout_end AS LockoutEnd,
        security_stamp AS SecurityStamp, role AS Role, disabled_at AS DisabledAt, last_failed_at AS LastFailedAt,
        frozen_at AS FrozenAt, frozen_reason AS FrozenReason
        """;

    public async Task<Account?> FindByEmailAsync(string email)
    {
        const string sql = $"SELECT {AccountColumns} FROM accounts WHERE email_normalized = @Email";
        await using var connection = await db.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<Account>(sql, new { Email = LoginInput.NormalizeEmail(email) });
    }

    public async Task<Account?> GetAsync(long id)
    {
        const string sql = $"SELECT {AccountColumns} FROM accounts WHERE id = @Id";
        await using var connection = await db.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<Account>(sql, new { Id = id });
    }

    public async Task<long> CreateAsync(NewAccount account)
    {
        await using var connection = await db.OpenAsync();
        return await CreateAsync(account, connection, null);
    }

    /// <summary>
    /// Creates the account inside the caller's transaction (for example when an invitation is redeemed). The first
    /// e-mail account of a company is its administrator (ColleagueAdministration); later ones are not.
    /// </summary>
    public async Task<long> CreateAsync(NewAccount account, DbConnection connection, DbTransaction? transaction)
    {
        const string sql = """
            INSERT INTO accounts (portal, email, email_normalized, display_name, password_hash, customer_id, company_id,
                                  failed_count, lockout_end, security_stamp, created_at, role, disabled_at, company_admin)
            VALUES (@Portal, @Email, @EmailNormalized, @DisplayName, @PasswordHash, @CustomerId, @CompanyId,
                    0, NULL, @SecurityStamp, @CreatedAt, @Role, NULL,
                    CASE WHEN @Portal = 'business' AND NOT EXISTS (SELECT 1 FROM accounts WHERE company_id = @CompanyId AND portal = 'business')
                         THEN 1 ELSE 0 END)
            RETURNING id
            """;
        return await connection.ExecuteScalarAsync<long>(sql, new
        {
            account.Portal,
            Email = account.Email.Trim(),
            EmailNormalized = LoginInput.NormalizeEmail(account.Email),
            account.DisplayName,
            account.PasswordHash,
            account.CustomerId,
            account.CompanyId,
            SecurityStamp = NewSecurityStamp(),
            CreatedAt = clock.GetUtcNow().ToUnixTimeSeconds(),
            account.Role,
        }, transaction);
    }

    public async Task<IReadOnlyList<Account>> ListByPortalAsync(string portal)
    {
        const string sql = $"SELECT {AccountColumns} FROM accounts WHERE portal = @Portal ORDER BY email_normalized";
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<Account>(sql, new { Portal = portal })).AsList();
    }

    public async Task<IReadOnlyList<Account>> ListForCustomerAsync(long customerId)
    {
        const string sql = $"SELECT {AccountColumns} FROM accounts WHERE customer_id = @CustomerId ORDER BY id";
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<Account>(sql, new { CustomerId = customerId })).AsList();
    }

    public async Task<IReadOnlyList<Account>> ListForCompanyAsync(long companyId)
    {
        const string sql = $"SELECT {AccountColumns} FROM accounts WHERE company_id = @CompanyId ORDER BY id";
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<Account>(sql, new { CompanyId = companyId })).AsList();
    }

    /// <summary>Customer accounts frozen through a "Dit was ik niet" link, the most recent first (the Supportdesk's list).</summary>
    public async Task<IReadOnlyList<Account>> ListFrozenAsync(int count = 100)
    {
        const string sql = $"SELECT {AccountColumns} FROM accounts WHERE frozen_at IS NOT NULL ORDER BY frozen_at DESC, id DESC LIMIT @Count";
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<Account>(sql, new { Count = count })).AsList();
    }

    /// <summary>False when the account was not frozen (a second unfreeze changes nothing). Freezing is <see cref="Freeze.AccountFreeze"/>'s.</summary>
    public async Task<bool> UnfreezeAsync(long id)
    {
        const string sql = "UPDATE accounts SET frozen_at = NULL, frozen_reason = NULL WHERE id = @Id AND frozen_at IS NOT NULL";
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteAsync(sql, new { Id = id }) == 1;
    }

    /// <summary>A disabled account can not log in, and its sessions end through the new stamp.</summary>
    public async Task<bool> DisableAsync(long id)
    {
        const string sql = "UPDATE accounts SET disabled_at = @Now, security_stamp = @Stamp WHERE id = @Id AND disabled_at IS NULL";
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteAsync(sql, new { Id = id, Now = clock.GetUtcNow().ToUnixTimeSeconds(), Stamp = NewSecurityStamp() }) == 1;
    }

    public async Task UpdatePasswordHashAsync(long id, string passwordHash)
    {
        const string sql = "UPDATE accounts SET password_hash = @PasswordHash WHERE id = @Id";
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(sql, new { Id = id, PasswordHash = passwordHash });
    }

    /// <summary>A new stamp ends every session of the account at its next check.</summary>
    public async Task ChangeSecurityStampAsync(long id)
    {
        const string sql = "UPDATE accounts SET security_stamp = @Stamp WHERE id = @Id";
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(sql, new { Id = id, Stamp = NewSecurityStamp() });
    }

    /// <summary>Counts the attempt before it is checked (see <see cref="LockoutPolicy"/>).</summary>
    public Task<AttemptDecision> BeginAttemptAsync(long id)
    {
        var now = clock.GetUtcNow();
        return UpdateLockoutAsync(id, state => lockout.BeginAttempt(state, now), decision => decision.Allowed ? decision.Next : null);
    }

    public Task<LockoutState> AfterFirstFactorAsync(long id) =>
        UpdateLockoutAsync(id, state => lockout.AfterFirstFactor(state), next => next);

    public Task<LockoutState> ResetFailuresAsync(long id) =>
        UpdateLockoutAsync(id, _ => LockoutPolicy.Succeeded, next => next);

    private static readonly LockoutCounterSql Counter = new(
        Read: """
            SELECT failed_count AS FailedCount, lockout_end AS LockoutEnd, last_failed_at AS LastFailedAt
            FROM accounts WHERE id = @Id
            """,
        Write: """
            UPDATE accounts SET failed_count = @NewCount, lockout_end = @NewEnd, last_failed_at = @NewLast
            WHERE id = @Id AND failed_count = @OldCount AND COALESCE(lockout_end, -1) = @OldEnd
              AND COALESCE(last_failed_at, -1) = @OldLast
            """);

    private async Task<T> UpdateLockoutAsync<T>(long id, Func<LockoutState, T> decide, Func<T, LockoutState?> nextState)
    {
        await using var connection = await db.OpenAsync();
        return await LockoutCounter.UpdateAsync(connection, Counter, new { Id = id }, decide, nextState);
    }

    internal static string NewSecurityStamp() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
}
