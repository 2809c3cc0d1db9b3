using AveroPortal.Core.Data;
using Dapper;

namespace AveroPortal.Core.Recovery;

/// <summary>
/// An account's recovery codes, as keyed hashes only. Single use is the database's: a code is spent by a conditional
/// UPDATE, so of parallel uses of one code exactly one sees a row count of 1. Plain SQL for SQLite and PostgreSQL.
/// </summary>
public sealed class RecoveryCodeRepository(Db db, TimeProvider clock)
{
    /// <summary>Replaces the account's whole set in one transaction: from the commit on, only the new codes work.</summary>
    internal async Task ReplaceAsync(long accountId, IReadOnlyList<string> codeHashes)
    {
        const string delete = "DELETE FROM recovery_codes WHERE account_id = @AccountId";
        const string insert = """
            INSERT INTO recovery_codes (account_id, code_hash, created_at, used_at) VALUES (@AccountId, @CodeHash, @Now, NULL)
            """;
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(delete, new { AccountId = accountId }, transaction);
        await connection.ExecuteAsync(insert, codeHashes.Select(hash => new { AccountId = accountId, CodeHash = hash, Now = now }), transaction);
        await transaction.CommitAsync();
    }

    /// <summary>True for exactly one caller, and only while the code is one of the account's and unused.</summary>
    internal async Task<bool> TryUseAsync(long accountId, string codeHash)
    {
        const string sql = """
            UPDATE recovery_codes SET used_at = @Now
            WHERE account_id = @AccountId AND code_hash = @CodeHash AND used_at IS NULL
            """;
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteAsync(sql, new { AccountId = accountId, CodeHash = codeHash, Now = clock.GetUtcNow().ToUnixTimeSeconds() }) == 1;
    }

    public async Task<int> CountUnusedAsync(long accountId)
    {
        const string sql = "SELECT COUNT(*) FROM recovery_codes WHERE account_id = @AccountId AND used_at IS NULL";
        await using var connection = await db.OpenAsync();
        return (int)await connection.ExecuteScalarAsync<long>(sql, new { AccountId = accountId });
    }
}
