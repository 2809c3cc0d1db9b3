using System.Data.Common;
using AveroPortal.Core.Invitations;
using AveroPortal.Core.Login;
using Dapper;

namespace AveroPortal.Core.Colleagues;

/// <summary>
/// One transaction on one company, begun by <see cref="ColleagueRepository.LockCompanyOfAsync"/> with a no-op write on
/// the company row, so everything read and counted here stays true until the commit: on SQLite the write lock (a
/// Microsoft.Data.Sqlite transaction begins IMMEDIATE), on PostgreSQL the row lock that read committed needs (each
/// statement sees what was committed before it, and every change to a company's colleagues takes this same lock
/// first). Disposing without <see cref="CommitAsync"/> rolls everything back.
/// </summary>
public sealed class CompanyLock : IAsyncDisposable
{
    // Pending = what the acceptance page would still take (see InvitationAcceptance): not used, not revoked, not expired.
    internal const string PendingCondition = """
        company_id = @CompanyId AND portal = 'business' AND used_at IS NULL AND revoked_at IS NULL AND expires_at > @Now
        """;

    private const string MemberColumns = """
        id AS Id, company_id AS CompanyId, email AS Email, display_name AS DisplayName, company_admin AS CompanyAdmin,
        disabled_at AS DisabledAt
        """;

    private readonly TimeProvider _clock;
    private readonly CompanyAuditRepository _audit;

    internal CompanyLock(DbConnection connection, DbTransaction transaction, long companyId, bool insured, CompanyMember? actor,
        TimeProvider clock, CompanyAuditRepository audit)
    {
        Connection = connection;
        Transaction = transaction;
        CompanyId = companyId;
        Insured = insured;
        Actor = actor;
        _clock = clock;
        _audit = audit;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    public long CompanyId { get; }

    public bool Insured { get; }

    /// <summary>The account that acts, as it is now (inside the lock); null when it is no business account of this company.</summary>
    public CompanyMember? Actor { get; }

    /// <summary>The actor is an active administrator of the company, read inside the lock.</summary>
    public bool ActorIsAdministrator => Actor is { IsActive: true, IsAdministrator: true };

    private long Now => _clock.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>A business account of this company (other companies' accounts are not found).</summary>
    public async Task<CompanyMember?> MemberAsync(long accountId) =>
        await Connection.QuerySingleOrDefaultAsync<CompanyMember>(
            $"SELECT {MemberColumns} FROM accounts WHERE id = @Id AND company_id = @CompanyId AND portal = 'business'",
            new { Id = accountId, CompanyId }, Transaction);

    public async Task<long> ActiveAdministratorsAsync() =>
        await Connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM accounts WHERE company_id = @CompanyId AND portal = 'business' AND disabled_at IS NULL AND company_admin = 1",
            new { CompanyId }, Transaction);

    public async Task SetAdministratorAsync(long accountId, bool administrator) =>
        await Connection.ExecuteAsync(
            "UPDATE accounts SET company_admin = @Admin WHERE id = @Id AND company_id = @CompanyId AND portal = 'business'",
            new { Id = accountId, CompanyId, Admin = administrator ? 1L : 0L }, Transaction);

    /// <summary>
    /// Disables the account, takes its role, gives it a new security stamp (its sessions fail their next check) and
    /// ends its sessions and pending sign-ins at once.
    /// </summary>
    public async Task<bool> DisableAsync(long accountId)
    {
        var parameters = new { Id = accountId, CompanyId, Now, Stamp = AccountRepository.NewSecurityStamp() };
        var disabled = await Connection.ExecuteAsync("""
            UPDATE accounts SET disabled_at = @Now, security_stamp = @Stamp, company_admin = 0
            WHERE id = @Id AND company_id = @CompanyId AND portal = 'business' AND disabled_at IS NULL
            """, parameters, Transaction);
        if (disabled != 1)
        {
            return false;
        }

        await Connection.ExecuteAsync("UPDATE sessions SET ended_at = @Now WHERE account_id = @Id AND ended_at IS NULL", parameters, Transaction);
        await Connection.ExecuteAsync("DELETE FROM pending_logins WHERE account_id = @Id", parameters, Transaction);
        return true;
    }

    /// <summary>
    /// Whether one more seat (an invitation or a re-activation) fits: the person's hourly cap (every link is a mail,
    /// revoked ones too), then active accounts plus open links, leaving out the open link this one replaces.
    /// </summary>
    /// <param name="newColleagueEmail">For a new invitation: an address of this company's own accounts is refused (AlreadyColleague).</param>
    public async Task<SeatClaim> ClaimSeatAsync(
        long senderAccountId, string? replacesEmail, int seatLimit, int perHourLimit, long? exceptInvitationId = null, string? newColleagueEmail = null)
    {
        if (!Insured)
        {
            return SeatClaim.CompanyNotInsured;
        }

        const string sentThisHour = """
            SELECT COUNT(*) FROM invitations
            WHERE created_by = @Sender AND kind IN (@Colleague, @Reactivation) AND created_at > @HourAgo
            """;
        const string count = $"""
            SELECT (SELECT COUNT(*) FROM accounts
                    WHERE company_id = @CompanyId AND portal = 'business' AND disabled_at IS NULL)
                 + (SELECT COUNT(*) FROM invitations
                    WHERE {PendingCondition} AND lower(email) <> @EmailNormalized AND id <> @Except)
            """;
        var parameters = new
        {
            CompanyId,
            Sender = senderAccountId,
            Now,
            HourAgo = _clock.GetUtcNow().AddHours(-1).ToUnixTimeSeconds(),
            EmailNormalized = replacesEmail is null ? "" : LoginInput.NormalizeEmail(replacesEmail),
            Except = exceptInvitationId ?? 0,
            Colleague = InvitationKinds.Colleague,
            Reactivation = InvitationKinds.Reactivation,
        };
        if (perHourLimit > 0 && await Connection.ExecuteScalarAsync<long>(sentThisHour, parameters, Transaction) >= perHourLimit)
        {
            return SeatClaim.TooManyInvitations;
        }

        if (newColleagueEmail is not null && await IsColleagueAsync(newColleagueEmail))
        {
            return SeatClaim.AlreadyColleague;
        }

        return await Connection.ExecuteScalarAsync<long>(count, parameters, Transaction) >= seatLimit ? SeatClaim.LimitReached : SeatClaim.Claimed;
    }

    /// <summary>An account of this company (active or revoked) has this address.</summary>
    public async Task<bool> IsColleagueAsync(string email) =>
        await Connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM accounts WHERE email_normalized = @EmailNormalized AND company_id = @CompanyId AND portal = 'business'",
            new { EmailNormalized = LoginInput.NormalizeEmail(email), CompanyId }, Transaction) > 0;

    /// <summary>An open colleague or re-activation link of this company.</summary>
    public async Task<Invitation?> OpenInvitationAsync(long invitationId) =>
        await Connection.QuerySingleOrDefaultAsync<Invitation>(
            $"SELECT {InvitationRepository.Columns} FROM invitations WHERE id = @Id AND {PendingCondition} AND kind IN (@Colleague, @Reactivation)",
            new { Id = invitationId, CompanyId, Now, Colleague = InvitationKinds.Colleague, Reactivation = InvitationKinds.Reactivation }, Transaction);

    /// <summary>Revokes a not yet used link of this company; its address, or null when there is none with that id (any more).</summary>
    public async Task<string?> RevokeInvitationAsync(long invitationId) =>
        await Connection.ExecuteScalarAsync<string?>("""
            UPDATE invitations SET revoked_at = @Now
            WHERE id = @Id AND company_id = @CompanyId AND portal = 'business' AND used_at IS NULL AND revoked_at IS NULL
            RETURNING email
            """, new { Id = invitationId, CompanyId, Now }, Transaction);

    /// <summary>
    /// Marks a re-activation link used and re-enables its revoked account with the new password: a new security
    /// stamp, no role, no failed attempts, and none of its old factors or sign-ins (authenticator, its replacement,
    /// recovery codes, passkeys and their challenges, sessions, pending sign-ins, reset links, freeze links), so the
    /// next sign-in enrolls a new authenticator. False when the link was used, revoked or expired meanwhile, or the
    /// account is no longer revoked. A freeze stays: only the Supportdesk lifts it, after verifying the caller.
    /// </summary>
    public async Task<bool> ReenableAsync(long invitationId, long accountId, string passwordHash)
    {
        var parameters = new { Id = accountId, InvitationId = invitationId, CompanyId, Now, PasswordHash = passwordHash, Stamp = AccountRepository.NewSecurityStamp() };
        var claimed = await Connection.ExecuteAsync("""
            UPDATE invitations SET used_at = @Now
            WHERE id = @InvitationId AND account_id = @Id AND company_id = @CompanyId AND used_at IS NULL AND revoked_at IS NULL AND expires_at > @Now
            """, parameters, Transaction);
        if (claimed != 1)
        {
            return false;
        }

        var reenabled = await Connection.ExecuteAsync("""
            UPDATE accounts SET disabled_at = NULL, password_hash = @PasswordHash, security_stamp = @Stamp, company_admin = 0,
                                failed_count = 0, lockout_end = NULL, last_failed_at = NULL
            WHERE id = @Id AND company_id = @CompanyId AND portal = 'business' AND disabled_at IS NOT NULL
            """, parameters, Transaction);
        if (reenabled != 1)
        {
            return false;
        }

        string[] wipe =
        [
            "DELETE FROM authenticator_replacements WHERE account_id = @Id",
            "DELETE FROM authenticator_bindings WHERE account_id = @Id",
            "DELETE FROM recovery_codes WHERE account_id = @Id",
            "DELETE FROM passkey_credentials WHERE account_id = @Id",
            "DELETE FROM passkey_challenges WHERE account_id = @Id",
            "DELETE FROM pending_logins WHERE account_id = @Id",
            "DELETE FROM password_resets WHERE account_id = @Id",
            "DELETE FROM freeze_tokens WHERE account_id = @Id",
            "UPDATE sessions SET ended_at = @Now WHERE account_id = @Id AND ended_at IS NULL",
        ];
        foreach (var sql in wipe)
        {
            await Connection.ExecuteAsync(sql, parameters, Transaction);
        }

        return true;
    }

    public Task AuditAsync(string actorKind, long? actorAccountId, long? actorStaffId, string actorName, string action,
        long? targetAccountId, long? targetInvitationId, string? targetEmail, string? clientAddress) =>
        _audit.AppendAsync(new NewCompanyAuditEntry(CompanyId, actorKind, actorAccountId, actorStaffId, actorName, action,
            targetAccountId, targetInvitationId, targetEmail, clientAddress), Connection, Transaction);

    public Task CommitAsync() => Transaction.CommitAsync();

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
