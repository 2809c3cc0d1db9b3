using System.Data.Common;
using AveroPortal.Core.Data;
using AveroPortal.Core.Invitations;
using AveroPortal.Core.Login;
using Dapper;

namespace AveroPortal.Core.Colleagues;

/// <summary>The e-mail accounts and open invitations of one company, and the seat count the limit is about.</summary>
public sealed class ColleagueRepository(Db db, TimeProvider clock)
{
    // Pending = what the acceptance page would still take (see InvitationAcceptance): not used, not revoked, not expired.
    private const string PendingCondition = """
        company_id = @CompanyId AND portal = 'business' AND used_at IS NULL AND revoked_at IS NULL AND expires_at > @Now
        """;

    public async Task<IReadOnlyList<ColleagueAccount>> ListAccountsAsync(long companyId)
    {
        const string sql = """
            SELECT a.id AS Id, a.email AS Email, a.display_name AS DisplayName, b.enrolled_at AS EnrolledAt,
                   a.disabled_at AS DisabledAt,
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
            SELECT id AS Id, email AS Email, display_name AS DisplayName, created_at AS CreatedAt, expires_at AS ExpiresAt
            FROM invitations
            WHERE {PendingCondition}
            ORDER BY created_at, id
            """;
        await using var connection = await db.OpenAsync();
        return (await connection.QueryAsync<PendingInvitation>(sql, new { CompanyId = companyId, Now = Now() })).AsList();
    }

    /// <summary>
    /// Checks the inviter's hourly cap, claims a seat and issues the invitation in one transaction, so invitations sent
    /// at the same moment can never together pass either limit. <paramref name="issue"/> runs inside the transaction (it
    /// revokes the older link for the same address, which is why that address is left out of the seat count: a resend
    /// replaces, it does not add; it is a mail all the same, so it counts towards the hourly cap).
    /// </summary>
    public async Task<(SeatClaim Claim, IssuedInvitation? Issued)> IssueWithinLimitsAsync(
        long companyId, long inviterAccountId, string email, int seatLimit, int perHourLimit,
        Func<DbConnection, DbTransaction, Task<IssuedInvitation>> issue)
    {
        // A no-op write on the company row, before anything is counted, serializes the invitations of one company (and
        // so of each of its people): on SQLite it holds the database write lock (Microsoft.Data.Sqlite begins
        // IMMEDIATE, so it already does), on PostgreSQL a row lock, which read committed needs: without it two
        // transactions could both count 4 (or 9 sent this hour) and both insert. A plain UPDATE because SELECT ... FOR
        // UPDATE does not exist on SQLite.
        const string lockCompany = "UPDATE companies SET id = id WHERE id = @CompanyId";
        const string insured = "SELECT insured FROM companies WHERE id = @CompanyId";
        // Revoked ones included: each was a mail.
        const string sentThisHour = """
            SELECT COUNT(*) FROM invitations
            WHERE created_by = @Inviter AND kind = 'colleague' AND created_at > @HourAgo
            """;
        const string colleague = """
            SELECT COUNT(*) FROM accounts
            WHERE email_normalized = @EmailNormalized AND company_id = @CompanyId AND portal = 'business'
            """;
        const string count = $"""
            SELECT (SELECT COUNT(*) FROM accounts
                    WHERE company_id = @CompanyId AND portal = 'business' AND disabled_at IS NULL)
                 + (SELECT COUNT(*) FROM invitations
                    WHERE {PendingCondition} AND lower(email) <> @EmailNormalized)
            """;
        var parameters = new
        {
            CompanyId = companyId,
            Inviter = inviterAccountId,
            Now = Now(),
            HourAgo = clock.GetUtcNow().AddHours(-1).ToUnixTimeSeconds(),
            EmailNormalized = LoginInput.NormalizeEmail(email),
        };

        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var locked = await connection.ExecuteAsync(lockCompany, parameters, transaction);
        if (locked != 1 || await connection.ExecuteScalarAsync<long>(insured, parameters, transaction) == 0)
        {
            return (SeatClaim.CompanyNotInsured, null);
        }

        if (await connection.ExecuteScalarAsync<long>(sentThisHour, parameters, transaction) >= perHourLimit)
        {
            return (SeatClaim.TooManyInvitations, null);
        }

        if (await connection.ExecuteScalarAsync<long>(colleague, parameters, transaction) > 0)
        {
            return (SeatClaim.AlreadyColleague, null);
        }

        if (await connection.ExecuteScalarAsync<long>(count, parameters, transaction) >= seatLimit)
        {
            return (SeatClaim.LimitReached, null);
        }

        var issued = await issue(connection, transaction);
        await transaction.CommitAsync();
        return (SeatClaim.Claimed, issued);
    }

    /// <summary>Revokes an open invitation of this company; false when there is none with that id (any more).</summary>
    public async Task<bool> RevokeInvitationAsync(long companyId, long invitationId)
    {
        const string sql = """
            UPDATE invitations SET revoked_at = @Now
            WHERE id = @Id AND company_id = @CompanyId AND portal = 'business' AND used_at IS NULL AND revoked_at IS NULL
            """;
        await using var connection = await db.OpenAsync();
        return await connection.ExecuteAsync(sql, new { Id = invitationId, CompanyId = companyId, Now = Now() }) == 1;
    }

    private long Now() => clock.GetUtcNow().ToUnixTimeSeconds();
}
