using System.Data.Common;
using AveroPortal.Core.Data;
using Dapper;

namespace AveroPortal.Core.Colleagues;

/// <summary>
/// The company audit: who changed a company's colleagues, when, what and from which address. Append-only: this class
/// can only add (inside the transaction of the change it records) and read, and database triggers refuse UPDATE and
/// DELETE on the table.
/// </summary>
public sealed class CompanyAuditRepository(Db db, TimeProvider clock)
{
    public async Task AppendAsync(NewCompanyAuditEntry entry, DbConnection connection, DbTransaction transaction)
    {
        const string sql = """
            INSERT INTO company_audit (company_id, at, actor_kind, actor_account_id, actor_staff_id, actor_name, action,
                                       target_account_id, target_invitation_id, target_email, client_address)
            VALUES (@CompanyId, @At, @ActorKind, @ActorAccountId, @ActorStaffId, @ActorName, @Action,
                    @TargetAccountId, @TargetInvitationId, @TargetEmail, @ClientAddress)
            """;
        await connection.ExecuteAsync(sql, new
        {
            entry.CompanyId,
            At = clock.GetUtcNow().ToUnixTimeSeconds(),
            entry.ActorKind,
            entry.ActorAccountId,
            entry.ActorStaffId,
            entry.ActorName,
            entry.Action,
            entry.TargetAccountId,
            entry.TargetInvitationId,
            entry.TargetEmail,
            entry.ClientAddress,
        }, transaction);
    }

    /// <summary>Newest first.</summary>
    public async Task<IReadOnlyList<CompanyAuditEntry>> ListAsync(long companyId, int limit = 100)
    {
        const string sql = """
            SELECT id AS Id, company_id AS CompanyId, at AS At, actor_kind AS ActorKind, actor_name AS ActorName,
                   action AS Action, target_email AS TargetEmail, client_address AS ClientAddress
            FROM company_audit WHERE company_id = @CompanyId
            ORDER BY at DESC, id DESC LIMIT @Limit
            """;
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<CompanyAuditEntry>(sql, new { CompanyId = companyId, Limit = limit })).AsList();
    }
}
