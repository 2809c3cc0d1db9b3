using AveroPortal.Core.Data;
using Dapper;

namespace AveroPortal.Core.Login;

/// <summary>Authenticator bindings. The secret is stored only in its Data Protection form.</summary>
public sealed class AuthenticatorRepository(Db db, TimeProvider clock)
{
    private const string Columns = """
        account_id AS AccountId, secret_protected AS SecretProtected, created_at AS CreatedAt,
        enrolled_at AS EnrolledAt, last_accepted_step AS LastAcceptedStep
        """;

    public async Task<AuthenticatorBinding?> GetAsync(long accountId)
    {
        const string sql = $"SELECT {Columns} FROM authenticator_bindings WHERE account_id = @AccountId";
        await using var connection = await db.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<AuthenticatorBinding>(sql, new { AccountId = accountId });
    }

    /// <summary>
    /// The pending (not yet confirmed) binding, created on first use. Reloading the QR page shows the same key,
    /// so a code from an app that already scanned it keeps working.
    /// </summary>
    public async Task<AuthenticatorBinding> GetOrCreatePendingAsync(long accountId, Func<string> newProtectedSecret)
    {
        const string insert = """
            INSERT INTO authenticator_bindings (account_id, secret_protected, created_at, enrolled_at, last_accepted_step)
            VALUES (@AccountId, @SecretProtected, @CreatedAt, NULL, NULL)
            ON CONFLICT (account_id) DO NOTHING
            """;
        var existing = await GetAsync(accountId);
        if (existing is not null)
        {
            return existing;
        }

        await using (var connection = await db.OpenAsync())
        {
            await connection.ExecuteAsync(insert, new
            {
                AccountId = accountId,
                SecretProtected = newProtectedSecret(),
                CreatedAt = clock.GetUtcNow().ToUnixTimeSeconds(),
            });
        }

        return (await GetAsync(accountId))!;
    }

    /// <summary>Marks a pending binding enrolled, accepting its first time step; false if the step was used or it is no longer pending.</summary>
    public async Task<bool> TryConfirmAsync(long accountId, long step)
    {
        const string sql = """
            UPDATE authenticator_bindings SET enrolled_at = @Now, last_accepted_step = @Step
            WHERE account_id = @AccountId AND enrolled_at IS NULL
              AND (last_accepted_step IS NULL OR last_accepted_step < @Step)
            """;
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteAsync(sql, new { AccountId = accountId, Step = step, Now = clock.GetUtcNow().ToUnixTimeSeconds() }) == 1;
    }

    /// <summary>
    /// Accepts a time step at most once per binding (RFC 6238 §5.2). The condition is in the UPDATE itself,
    /// so two simultaneous submissions of one code can never both succeed.
    /// </summary>
    public async Task<bool> TryAcceptStepAsync(long accountId, long step)
    {
        const string sql = """
            UPDATE authenticator_bindings SET last_accepted_step = @Step
            WHERE account_id = @AccountId AND enrolled_at IS NOT NULL
              AND (last_accepted_step IS NULL OR last_accepted_step < @Step)
            """;
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteAsync(sql, new { AccountId = accountId, Step = step }) == 1;
    }

    public async Task<bool> DeleteAsync(long accountId)
    {
        const string sql = "DELETE FROM authenticator_bindings WHERE account_id = @AccountId";
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteAsync(sql, new { AccountId = accountId }) == 1;
    }
}
