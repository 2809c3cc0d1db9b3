using AveroPortal.Core.Data;
using Dapper;

namespace AveroPortal.Core.Passkeys;

/// <summary>
/// The accounts' passkeys. The signature counter is written by a conditional UPDATE that only ever moves it forward,
/// so two instances verifying at once can not set it back. Plain SQL for SQLite and PostgreSQL.
/// </summary>
public sealed class PasskeyCredentialRepository(Db db, TimeProvider clock)
{
    private const string Columns = """
        id AS Id, account_id AS AccountId, credential_id AS CredentialId, user_handle AS UserHandle, public_key AS PublicKey,
        sign_count AS SignCount, transports AS Transports, aaguid AS Aaguid, name AS Name, created_at AS CreatedAt,
        last_used_at AS LastUsedAt, counter_regressed_at AS CounterRegressedAt
        """;

    internal async Task<IReadOnlyList<PasskeyCredential>> ListAsync(long accountId)
    {
        const string sql = $"SELECT {Columns} FROM passkey_credentials WHERE account_id = @AccountId ORDER BY created_at, id";
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<PasskeyCredential>(sql, new { AccountId = accountId })).AsList();
    }

    internal async Task<PasskeyCredential?> FindAsync(string credentialId)
    {
        const string sql = $"SELECT {Columns} FROM passkey_credentials WHERE credential_id = @CredentialId";
        await using var connection = await db.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<PasskeyCredential>(sql, new { CredentialId = credentialId });
    }

    internal async Task<PasskeyCredential?> GetAsync(long accountId, long passkeyId)
    {
        const string sql = $"SELECT {Columns} FROM passkey_credentials WHERE id = @Id AND account_id = @AccountId";
        await using var connection = await db.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<PasskeyCredential>(sql, new { Id = passkeyId, AccountId = accountId });
    }

    public async Task<int> CountAsync(long accountId)
    {
        const string sql = "SELECT COUNT(*) FROM passkey_credentials WHERE account_id = @AccountId";
        await using var connection = await db.OpenAsync();
        return (int)await connection.ExecuteScalarAsync<long>(sql, new { AccountId = accountId });
    }

    /// <summary>The account's WebAuthn user id, when it has a passkey (all its passkeys share one).</summary>
    internal async Task<string?> FindUserHandleAsync(long accountId)
    {
        const string sql = "SELECT user_handle FROM passkey_credentials WHERE account_id = @AccountId ORDER BY id LIMIT 1";
        await using var connection = await db.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<string>(sql, new { AccountId = accountId });
    }

    /// <summary>The new row's id; null when the credential id is registered already (the UNIQUE constraint decides, also between instances).</summary>
    internal async Task<long?> TryAddAsync(NewPasskeyCredential credential)
    {
        const string sql = """
            INSERT INTO passkey_credentials (account_id, credential_id, user_handle, public_key, sign_count, transports, aaguid, name,
                                             created_at, last_used_at, counter_regressed_at)
            VALUES (@AccountId, @CredentialId, @UserHandle, @PublicKey, @SignCount, @Transports, @Aaguid, @Name, @Now, NULL, NULL)
            RETURNING id
            """;
        try
        {
            await using var connection = await db.OpenAsync();
            return await connection.ExecuteScalarAsync<long>(sql, new
            {
                credential.AccountId,
                credential.CredentialId,
                credential.UserHandle,
                credential.PublicKey,
                credential.SignCount,
                credential.Transports,
                credential.Aaguid,
                credential.Name,
                Now = clock.GetUtcNow().ToUnixTimeSeconds(),
            });
        }
        catch (Exception e) when (Db.IsUniqueViolation(e))
        {
            return null;
        }
    }

    /// <summary>
    /// After a verified assertion: the new counter and the time of use. False when the stored counter is no longer
    /// below the new one (a parallel assertion of the same authenticator got there first); 0/0 is an authenticator
    /// without a counter and always passes.
    /// </summary>
    internal async Task<bool> TryRecordUseAsync(long id, long signCount)
    {
        const string sql = """
            UPDATE passkey_credentials SET sign_count = @SignCount, last_used_at = @Now
            WHERE id = @Id AND counter_regressed_at IS NULL AND (sign_count < @SignCount OR (sign_count = 0 AND @SignCount = 0))
            """;
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteAsync(sql, new { Id = id, SignCount = signCount, Now = clock.GetUtcNow().ToUnixTimeSeconds() }) == 1;
    }

    /// <summary>Sets the "possibly cloned" flag the Supportdesk sees (the first time only).</summary>
    internal async Task MarkCounterRegressedAsync(long id)
    {
        const string sql = "UPDATE passkey_credentials SET counter_regressed_at = @Now WHERE id = @Id AND counter_regressed_at IS NULL";
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(sql, new { Id = id, Now = clock.GetUtcNow().ToUnixTimeSeconds() });
    }

    internal async Task<bool> RenameAsync(long accountId, long passkeyId, string name)
    {
        const string sql = "UPDATE passkey_credentials SET name = @Name WHERE id = @Id AND account_id = @AccountId";
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteAsync(sql, new { Id = passkeyId, AccountId = accountId, Name = name }) == 1;
    }

    /// <summary>False when it was gone already (removed in another tab or by the Supportdesk).</summary>
    internal async Task<bool> DeleteAsync(long accountId, long passkeyId)
    {
        const string sql = "DELETE FROM passkey_credentials WHERE id = @Id AND account_id = @AccountId";
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteAsync(sql, new { Id = passkeyId, AccountId = accountId }) == 1;
    }
}
