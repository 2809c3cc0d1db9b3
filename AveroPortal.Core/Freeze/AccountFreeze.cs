using System.Security.Cryptography;
using AveroPortal.Core.Data;
using AveroPortal.Core.Invitations;
using AveroPortal.Core.Support;
using Dapper;

namespace AveroPortal.Core.Freeze;

/// <summary>
/// "Dit was ik niet" (NIST SP 800-63B rev4 §4.6): a freeze link from a security mail freezes the account at once, in
/// one transaction: the link is used up, the account frozen with a new security stamp (every open page ends at its
/// next check), its sessions and pending logins end, and the audit names the customer as the actor. Only the
/// Supportdesk can unfreeze it (<see cref="SupportActions.UnfreezeAsync"/>).
/// </summary>
public sealed class AccountFreeze(Db db, SupportAuditRepository audit, TimeProvider clock)
{
    public const string AuditVerification = "link \"Dit was ik niet\" in een e-mail aan het adres van het account";

    private sealed record Claimed(long AccountId, string Reason);

    private sealed record Target(string Email, long? CustomerId);

    public async Task<FreezeOutcome> FreezeAsync(string? token, string? remoteIp)
    {
        if (!InvitationTokens.LooksValid(token))
        {
            return FreezeOutcome.LinkNotValid;
        }

        // The DELETE's own condition makes the link single-use: of two parallel uses only one deletes the row.
        const string claim = """
            DELETE FROM freeze_tokens WHERE token_hash = @TokenHash AND expires_at > @Now
            RETURNING account_id AS AccountId, reason AS Reason
            """;
        const string freeze = """
            UPDATE accounts SET frozen_at = @Now, frozen_reason = @Reason, security_stamp = @Stamp
            WHERE id = @AccountId AND frozen_at IS NULL
            """;
        const string newStamp = "UPDATE accounts SET security_stamp = @Stamp WHERE id = @AccountId";
        const string endSessions = "UPDATE sessions SET ended_at = @Now WHERE account_id = @AccountId AND ended_at IS NULL";
        const string endPending = "DELETE FROM pending_logins WHERE account_id = @AccountId";
        const string target = "SELECT email AS Email, customer_id AS CustomerId FROM accounts WHERE id = @AccountId";

        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var claimed = await connection.QuerySingleOrDefaultAsync<Claimed>(claim,
            new { TokenHash = InvitationTokens.Hash(token!), Now = now }, transaction);
        if (claimed is null)
        {
            return FreezeOutcome.LinkNotValid;
        }

        var parameters = new { claimed.AccountId, claimed.Reason, Now = now, Stamp = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)) };
        var frozenNow = await connection.ExecuteAsync(freeze, parameters, transaction) == 1;
        if (!frozenNow)
        {
            // Frozen by another mail's link before: it stays frozen as it was; whatever signed in since ends again.
            await connection.ExecuteAsync(newStamp, parameters, transaction);
        }

        await connection.ExecuteAsync(endSessions, parameters, transaction);
        await connection.ExecuteAsync(endPending, parameters, transaction);
        var account = await connection.QuerySingleAsync<Target>(target, parameters, transaction);
        await audit.AddAsync(new NewAuditEntry(claimed.AccountId, account.Email, claimed.AccountId, account.CustomerId, account.Email,
            SupportActionNames.FreezeAccount, AuditVerification, claimed.Reason, frozenNow ? "bevroren door de klant" : "was al bevroren; sessies beëindigd",
            remoteIp), connection, transaction);
        await transaction.CommitAsync();
        return frozenNow ? FreezeOutcome.Frozen : FreezeOutcome.AlreadyFrozen;
    }
}
