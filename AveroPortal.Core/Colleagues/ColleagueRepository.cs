using System.Data.Common;
using AveroPortal.Core.Data;
using AveroPortal.Core.Login;
using Dapper;

namespace AveroPortal.Core.Colleagues;

/// <summary>
/// The e-mail accounts and open invitations of one company, and the transaction every change to them runs in
/// (<see cref="CompanyLock"/>: the company row locked first, the actor and the counts read inside it).
/// </summary>
public sealed class ColleagueRepository(Db db, TimeProvider clock, CompanyAuditRepository audit)
{
    public async Task<IReadOnlyList<ColleagueAccount>> ListAccountsAsync(long companyId)
    {
        const string sql = """
            SELECT a.id AS Id, a.email AS Email, a.display_name AS DisplayName, b.enrolled_at AS EnrolledAt,
                   a.disabled_at AS DisabledAt, a.company_admin AS IsAdministrator,
                   (SELECT MAX(e.occurred_at) FROM login_events e
                    WHERE e.account_id = a.id AND e.outcome IN (@Success, @Enrolled)) AS LastLoginAt
            FROM accounts a LEFT JOIN authenticator_bindings b ON b.account_id = a.id
            WHERE a.company_id = @CompanyId AND a.portal = 'business'
            ORDER BY CASE WHEN a.disabled_at IS NULL THEN 0 ELSE 1 END, a.display_name, a.id
            """;
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<ColleagueAccount>(sql, new
        {
            CompanyId = companyId,
            Success = LoginOutcomes.Success,
            Enrolled = LoginOutcomes.Enrolled,
        })).AsList();
    }

    public async Task<IReadOnlyList<PendingInvitation>> ListPendingAsync(long companyId)
    {
        const string sql = $"""
            SELECT id AS Id, email AS Email, display_name AS DisplayName, created_at AS CreatedAt, expires_at AS ExpiresAt, kind AS Kind
            FROM invitations
            WHERE {CompanyLock.PendingCondition}
            ORDER BY created_at, id
            """;
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<PendingInvitation>(sql, new { CompanyId = companyId, Now = Now() })).AsList();
    }

    /// <summary>An active business e-mail account with the administrator role (a plain read, for showing the page).</summary>
    public async Task<bool> IsAdministratorAsync(long accountId)
    {
        const string sql = """
            SELECT COUNT(*) FROM accounts
            WHERE id = @Id AND portal = 'business' AND company_id IS NOT NULL AND disabled_at IS NULL AND company_admin = 1
            """;
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql, new { Id = accountId }) == 1;
    }

    /// <summary>
    /// Begins the transaction for a change by <paramref name="actorAccountId"/>: locks the row of that account's company
    /// and re-reads the account inside the lock (<see cref="CompanyLock.Actor"/>). Null when it is no business account.
    /// </summary>
    public async Task<CompanyLock?> LockCompanyOfAsync(long actorAccountId)
    {
        var connection = await db.OpenAsync();
        DbTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync();
            // An account's company never changes, so reading it before the lock is safe; its role and state are read after.
            var companyId = await connection.ExecuteScalarAsync<long?>(
                "SELECT company_id FROM accounts WHERE id = @Id AND portal = 'business'", new { Id = actorAccountId }, transaction);
            var locked = companyId is null ? null : await LockAsync(connection, transaction, companyId.Value, actorAccountId);
            if (locked is null)
            {
                await DisposeAsync(connection, transaction);
            }

            return locked;
        }
        catch
        {
            await DisposeAsync(connection, transaction);
            throw;
        }
    }

    /// <summary>The same transaction for a change without a colleague as actor (the Supportdesk, a link being redeemed).</summary>
    public async Task<CompanyLock?> LockCompanyAsync(long companyId)
    {
        var connection = await db.OpenAsync();
        DbTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync();
            var locked = await LockAsync(connection, transaction, companyId, null);
            if (locked is null)
            {
                await DisposeAsync(connection, transaction);
            }

            return locked;
        }
        catch
        {
            await DisposeAsync(connection, transaction);
            throw;
        }
    }

    /// <summary>Withdraws a link whose mail could not be sent (it must not hold a seat), with its own audit row.</summary>
    public async Task WithdrawAsync(long companyId, long invitationId, NewCompanyAuditEntry entry)
    {
        await using var locked = await LockCompanyAsync(companyId);
        if (locked is not null && await locked.RevokeInvitationAsync(invitationId) is not null)
        {
            await audit.AppendAsync(entry, locked.Connection, locked.Transaction);
            await locked.CommitAsync();
        }
    }

    private async Task<CompanyLock?> LockAsync(DbConnection connection, DbTransaction transaction, long companyId, long? actorAccountId)
    {
        // A no-op write on the company row, before anything is read or counted, serializes every change to one company's
        // colleagues: on SQLite it holds the database write lock (Microsoft.Data.Sqlite begins IMMEDIATE, so it already
        // does), on PostgreSQL a row lock, which read committed needs: without it two transactions could both count 4
        // seats, or 2 administrators, and both go ahead. A plain UPDATE because SELECT ... FOR UPDATE does not exist on SQLite.
        const string lockCompany = "UPDATE companies SET id = id WHERE id = @CompanyId";
        if (await connection.ExecuteAsync(lockCompany, new { CompanyId = companyId }, transaction) != 1)
        {
            return null;
        }

        var insured = await connection.ExecuteScalarAsync<long>("SELECT insured FROM companies WHERE id = @CompanyId", new { CompanyId = companyId }, transaction) != 0;
        var locked = new CompanyLock(connection, transaction, companyId, insured, null, clock, audit);
        return actorAccountId is { } actorId
            ? new CompanyLock(connection, transaction, companyId, insured, await locked.MemberAsync(actorId), clock, audit)
            : locked;
    }

    private static async Task DisposeAsync(DbConnection connection, DbTransaction? transaction)
    {
        if (transaction is not null)
        {
            await transaction.DisposeAsync();
        }

        await connection.DisposeAsync();
    }

    private long Now() => clock.GetUtcNow().ToUnixTimeSeconds();
}
