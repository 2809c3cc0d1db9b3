using System.Security.Cryptography;
using System.Text;
using AveroPortal.Core.Data;
using Dapper;

namespace AveroPortal.Core.EHerkenning.ServiceProvider;

/// <summary>
/// The one-time records of the SAML exchange (outstanding requests, artifacts, assertion ids) and the eHerkenning
/// identities. All in the database, so they hold across portal instances.
/// </summary>
public sealed class SamlStateRepository(Db db, TimeProvider clock)
{
    public static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    public async Task AddRequestAsync(string requestId, string correlation)
    {
        const string sql = """
            INSERT INTO saml_requests (id, correlation_hash, created_at, expires_at, consumed_at)
            VALUES (@Id, @CorrelationHash, @Now, @ExpiresAt, NULL)
            """;
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(sql, new
        {
            Id = requestId,
            CorrelationHash = Hash(correlation),
            Now = now.ToUnixTimeSeconds(),
            ExpiresAt = now.Add(EHerkenningOptions.RequestLifetime).ToUnixTimeSeconds(),
        });
    }

    /// <summary>
    /// Consumes our outstanding request: it must exist, belong to this browser, be younger than ten minutes and not
    /// be used before. The conditions sit in the UPDATE, so a race can consume it only once.
    /// </summary>
    public async Task<bool> ConsumeRequestAsync(string requestId, string? correlation)
    {
        if (correlation is null)
        {
            return false;
        }

        const string sql = """
            UPDATE saml_requests SET consumed_at = @Now
            WHERE id = @Id AND correlation_hash = @CorrelationHash AND consumed_at IS NULL AND expires_at > @Now
            """;
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteAsync(sql, new { Id = requestId, CorrelationHash = Hash(correlation), Now = clock.GetUtcNow().ToUnixTimeSeconds() }) == 1;
    }

    /// <summary>Reads a request without changing it, only to explain why <see cref="ConsumeRequestAsync"/> refused it.</summary>
    public async Task<RequestState> DescribeRequestAsync(string requestId, string? correlation)
    {
        const string sql = """
            SELECT correlation_hash AS CorrelationHash, expires_at AS ExpiresAt, consumed_at AS ConsumedAt
            FROM saml_requests WHERE id = @Id
            """;
        await using var connection = await db.OpenAsync();
        var row = await connection.QuerySingleOrDefaultAsync<StoredRequest>(sql, new { Id = requestId });
        if (row is null)
        {
            return RequestState.Unknown;
        }

        if (row.ConsumedAt is not null)
        {
            return RequestState.Consumed;
        }

        if (row.ExpiresAt <= clock.GetUtcNow().ToUnixTimeSeconds())
        {
            return RequestState.Expired;
        }

        return correlation is null || row.CorrelationHash != Hash(correlation) ? RequestState.OtherBrowser : RequestState.Outstanding;
    }

    /// <summary>Records an artifact or assertion id; false when it was seen before (a replay).</summary>
    public async Task<bool> TryUseOnceAsync(string kind, string value, DateTimeOffset keepUntil)
    {
        const string sql = """
            INSERT INTO saml_used_ids (kind, value_hash, expires_at) VALUES (@Kind, @ValueHash, @ExpiresAt)
            ON CONFLICT (kind, value_hash) DO NOTHING
            """;
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteAsync(sql, new { Kind = kind, ValueHash = Hash(value), ExpiresAt = keepUntil.ToUnixTimeSeconds() }) == 1;
    }

    public async Task<EHerkenningIdentity> UpsertIdentityAsync(string broker, string kvkNumber, string actingSubjectId, long companyId, string? companyName, string? branchNumber)
    {
        const string upsert = """
            INSERT INTO eherkenning_identities (broker, kvk_number, acting_subject_id, company_id, company_name, branch_number, created_at, last_login_at)
            VALUES (@Broker, @Kvk, @Acting, @CompanyId, @CompanyName, @Branch, @Now, @Now)
            ON CONFLICT (broker, kvk_number, acting_subject_id) DO UPDATE SET last_login_at = @Now, company_name = @CompanyName, branch_number = @Branch
            """;
        const string select = """
            SELECT id AS Id, broker AS Broker, kvk_number AS KvkNumber, acting_subject_id AS ActingSubjectId,
                   company_id AS CompanyId, company_name AS CompanyName, branch_number AS BranchNumber
            FROM eherkenning_identities WHERE broker = @Broker AND kvk_number = @Kvk AND acting_subject_id = @Acting
            """;
        var parameters = new { Broker = broker, Kvk = kvkNumber, Acting = actingSubjectId, CompanyId = companyId, CompanyName = companyName, Branch = branchNumber, Now = clock.GetUtcNow().ToUnixTimeSeconds() };
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(upsert, parameters);
        return await connection.QuerySingleAsync<EHerkenningIdentity>(select, parameters);
    }

    public async Task<EHerkenningIdentity?> GetIdentityAsync(long id)
    {
        const string sql = """
            SELECT id AS Id, broker AS Broker, kvk_number AS KvkNumber, acting_subject_id AS ActingSubjectId,
                   company_id AS CompanyId, company_name AS CompanyName, branch_number AS BranchNumber
            FROM eherkenning_identities WHERE id = @Id
            """;
        await using var connection = await db.OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<EHerkenningIdentity>(sql, new { Id = id });
    }

    private sealed record StoredRequest(string CorrelationHash, long ExpiresAt, long? ConsumedAt);
}
