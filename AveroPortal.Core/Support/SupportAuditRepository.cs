using System.Data.Common;
using AveroPortal.Core.Data;
using AveroPortal.Core.Operations;
using Dapper;
using Microsoft.Extensions.Logging;

namespace AveroPortal.Core.Support;

/// <summary>
/// The support audit log. Append-only by design: this class can only add and read, and the database triggers
/// refuse UPDATE and DELETE on the table.
/// </summary>
public sealed class SupportAuditRepository(Db db, TimeProvider clock, ILogger<SupportAuditRepository>? logger = null)
{
    private const string Columns = """
        id AS Id, agent_account_id AS AgentAccountId, agent_email AS AgentEmail, occurred_at AS OccurredAt,
        target_account_id AS TargetAccountId, target_customer_id AS TargetCustomerId, target_description AS TargetDescription,
        action AS Action, verification AS Verification, reason AS Reason, outcome AS Outcome, remote_ip AS RemoteIp
        """;

    public async Task AddAsync(NewAuditEntry entry)
    {
        await using var connection = await db.OpenAsync();
        await AddAsync(entry, connection, null);
    }

    /// <summary>Inside the caller's transaction, so the entry and the change it records commit together.</summary>
    public async Task AddAsync(NewAuditEntry entry, DbConnection connection, DbTransaction? transaction)
    {
        const string sql = """
            INSERT INTO support_audit (agent_account_id, agent_email, occurred_at, target_account_id, target_customer_id,
                                       target_description, action, verification, reason, outcome, remote_ip)
            VALUES (@AgentAccountId, @AgentEmail, @OccurredAt, @TargetAccountId, @TargetCustomerId,
                    @TargetDescription, @Action, @Verification, @Reason, @Outcome, @RemoteIp)
            """;
        await connection.ExecuteAsync(sql, new
        {
            entry.AgentAccountId,
            entry.AgentEmail,
            OccurredAt = clock.GetUtcNow().ToUnixTimeSeconds(),
            entry.TargetAccountId,
            entry.TargetCustomerId,
            entry.TargetDescription,
            entry.Action,
            entry.Verification,
            entry.Reason,
            entry.Outcome,
            entry.RemoteIp,
        }, transaction);
        // Refusals are audited with an outcome that starts with "geweigerd" (see SupportActions).
        var refused = entry.Outcome.StartsWith("geweigerd", StringComparison.Ordinal);
        PortalMetrics.SupportAction(entry.Action, refused);
        // The target description holds an address: the log has ids only (the audit itself keeps the rest).
        logger?.LogInformation(SecurityEvents.ForSupportAction(entry.Action, refused), "Support action {Action} by account {ActorAccountId} on account {TargetAccountId}, refused: {Refused}",
            entry.Action, entry.AgentAccountId, entry.TargetAccountId, refused);
    }

    public async Task<IReadOnlyList<AuditEntry>> ForAccountAsync(long accountId, int count = 50)
    {
        const string sql = $"""
            SELECT {Columns} FROM support_audit WHERE target_account_id = @AccountId
            ORDER BY occurred_at DESC, id DESC LIMIT @Count
            """;
        return await LatestAsync(sql, new { AccountId = accountId, Count = count });
    }

    public async Task<IReadOnlyList<AuditEntry>> ForCustomerAsync(long customerId, int count = 50)
    {
        const string sql = $"""
            SELECT {Columns} FROM support_audit WHERE target_customer_id = @CustomerId
            ORDER BY occurred_at DESC, id DESC LIMIT @Count
            """;
        return await LatestAsync(sql, new { CustomerId = customerId, Count = count });
    }

    public async Task<(IReadOnlyList<AuditEntry> Page, int Total)> SearchAsync(AuditFilter filter, int skip, int take)
    {
        // Each filter is a parameter that is either NULL (ignored) or applied; no SQL is built from input.
        const string where = """
            WHERE (@AgentEmail IS NULL OR lower(agent_email) LIKE @AgentEmail ESCAPE '\')
              AND (@Action IS NULL OR action = @Action)
              AND (@From IS NULL OR occurred_at >= @From)
              AND (@To IS NULL OR occurred_at < @To)
              AND (@TargetAccountId IS NULL OR target_account_id = @TargetAccountId)
            """;
        const string page = $"SELECT {Columns} FROM support_audit {where} ORDER BY occurred_at DESC, id DESC LIMIT @Take OFFSET @Skip";
        const string count = $"SELECT COUNT(*) FROM support_audit {where}";
        var parameters = new
        {
            AgentEmail = string.IsNullOrWhiteSpace(filter.AgentEmail) ? null : SqlLike.Contains(filter.AgentEmail.Trim().ToLowerInvariant()),
            Action = string.IsNullOrWhiteSpace(filter.Action) ? null : filter.Action,
            From = filter.From is { } from ? new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds() : (long?)null,
            To = filter.To is { } to ? new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds() : (long?)null,
            filter.TargetAccountId,
            Skip = skip,
            Take = take,
        };
        await using var connection = await db.OpenAsync();
        var rows = (await connection.QueryAsync<AuditEntry>(page, parameters)).AsList();
        var total = await connection.ExecuteScalarAsync<long>(count, parameters);
        return (rows, (int)total);
    }

    private async Task<IReadOnlyList<AuditEntry>> LatestAsync(string sql, object parameters)
    {
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<AuditEntry>(sql, parameters)).AsList();
    }
}
