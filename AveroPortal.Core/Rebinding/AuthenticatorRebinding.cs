using System.Globalization;
using AveroPortal.Core.Data;
using AveroPortal.Core.Email;
using AveroPortal.Core.Freeze;
using AveroPortal.Core.Idin;
using AveroPortal.Core.Login;
using AveroPortal.Core.Support;
using Dapper;
using Microsoft.Extensions.Logging;

namespace AveroPortal.Core.Rebinding;

/// <summary>
/// "Authenticator-app kwijt of nieuwe telefoon?" (private portal): after the password step, the customer proves with
/// iDIN who they are, and only an identity that is this account's customer (linked before, or a full match under the
/// iDIN matching rules) removes the old authenticator. That happens in one transaction with the audit entry (the
/// customer as actor, iDIN as the proof); the caller then starts a fresh password step for the new enrollment, whose
/// confirmation issues new recovery codes. Any other outcome changes nothing but a login event. Business accounts are
/// refused: iDIN proves a person, not a mandate for a company.
/// </summary>
public sealed class AuthenticatorRebinding(
    Db db,
    AccountRepository accounts,
    PendingLoginRepository pending,
    IdinRepository identities,
    IdinLogin idinLogin,
    IdinOptions options,
    LoginEventRepository events,
    SupportAuditRepository audit,
    FreezeLinks freezeLinks,
    IEmailSender email,
    TimeProvider clock,
    ILogger<AuthenticatorRebinding> logger)
{
    public const string AuditVerification = "iDIN: identiteit bevestigd door de bank van de klant";

    public static class Outcomes
    {
        public const string Rebound = "authenticator-rebound";
        public const string OtherCustomer = "rebind-refused-other-customer";
        public const string PartialMatch = "rebind-refused-partial-match";
        public const string NoMatch = "rebind-refused-no-match";
        public const string NotAllowed = "rebind-refused-not-private";
    }

    /// <summary>
    /// The decision alone: a linked (broker, BIN) decides by its customer; otherwise only a full match on the account's
    /// customer is accepted.
    /// </summary>
    /// <param name="match">The matching result; only consulted when the identity was not linked.</param>
    public static RebindDecision Decide(long accountCustomerId, long? linkedCustomerId, IdinMatchResult? match)
    {
        if (linkedCustomerId is { } linked)
        {
            return linked == accountCustomerId ? RebindDecision.AcceptLinked : RebindDecision.RefuseOtherCustomer;
        }

        return match switch
        {
            { Kind: IdinMatchKind.FullMatch, Customer: { } customer } => customer.Id == accountCustomerId
                ? RebindDecision.AcceptFullMatch : RebindDecision.RefuseOtherCustomer,
            { Kind: IdinMatchKind.Partial } => RebindDecision.RefusePartialMatch,
            _ => RebindDecision.RefuseNoMatch,
        };
    }

    public static bool IsAccepted(RebindDecision decision) => decision is RebindDecision.AcceptLinked or RebindDecision.AcceptFullMatch;

    /// <summary>Whether the account may use this route at all (the page and the endpoint both ask).</summary>
    public static bool IsAllowedFor(Account account) =>
        account.Portal == Portals.Private && account.CustomerId is not null && !account.IsFrozen && account.DisabledAt is null;

    /// <param name="passwordPendingId">The id in the browser's password-step cookie.</param>
    /// <param name="bank">The bank's answer, already used up by the caller (single use).</param>
    public async Task<RebindResult> CompleteAsync(string? passwordPendingId, IdinBankIdentity bank, ClientInfo client)
    {
        if (await pending.FindAsync(passwordPendingId) is not { } login || await accounts.GetAsync(login.AccountId) is not { } account)
        {
            return new RebindResult(RebindOutcome.Expired);
        }

        if (!IsAllowedFor(account))
        {
            await events.AddAsync(account.Id, account.Portal, LoginMethods.Idin, Outcomes.NotAllowed, client);
            return new RebindResult(RebindOutcome.NotAllowed);
        }

        var linked = await identities.GetLinkedAsync(options.Broker, bank.Bin);
        var decision = Decide(account.CustomerId!.Value, linked?.CustomerId, linked is null ? await idinLogin.MatchAsync(bank) : null);
        if (!IsAccepted(decision))
        {
            // The Supportdesk sees that this account tried and why it was refused; never the bank's values.
            await events.AddAsync(account.Id, account.Portal, LoginMethods.Idin, decision switch
            {
                RebindDecision.RefuseOtherCustomer => Outcomes.OtherCustomer,
                RebindDecision.RefusePartialMatch => Outcomes.PartialMatch,
                _ => Outcomes.NoMatch,
            }, client);
            return new RebindResult(RebindOutcome.Refused, decision);
        }

        if (!await RemoveOldFactorAsync(passwordPendingId, account, decision, client))
        {
            return new RebindResult(RebindOutcome.Expired, decision);
        }

        if (decision == RebindDecision.AcceptFullMatch)
        {
            // As a first iDIN login would: from now on this bank identity is known as this customer.
            await identities.LinkAsync(options.Broker, bank.Bin, account.CustomerId.Value);
        }

        await events.AddAsync(account.Id, account.Portal, LoginMethods.Idin, Outcomes.Rebound, client);
        await TryNotifyAsync(account);
        return new RebindResult(RebindOutcome.Rebound, decision, await accounts.GetAsync(account.Id));
    }

    /// <summary>
    /// One transaction: the password step is used up (of parallel callers one wins), the binding and the unused
    /// recovery codes go, a new stamp and ended sessions and pending logins sign the account out everywhere, and the
    /// audit entry commits with it. False when the password step was gone, with nothing changed.
    /// </summary>
    private async Task<bool> RemoveOldFactorAsync(string? passwordPendingId, Account account, RebindDecision decision, ClientInfo client)
    {
        const string deleteBinding = "DELETE FROM authenticator_bindings WHERE account_id = @AccountId";
        const string deleteCodes = "DELETE FROM recovery_codes WHERE account_id = @AccountId AND used_at IS NULL";
        const string newStamp = "UPDATE accounts SET security_stamp = @Stamp WHERE id = @AccountId";
        const string endSessions = "UPDATE sessions SET ended_at = @Now WHERE account_id = @AccountId AND ended_at IS NULL";
        const string endPending = "DELETE FROM pending_logins WHERE account_id = @AccountId";

        var parameters = new { AccountId = account.Id, Stamp = AccountRepository.NewSecurityStamp(), Now = clock.GetUtcNow().ToUnixTimeSeconds() };
        await using var connection = await db.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        if (!await pending.TryConsumeAsync(passwordPendingId, account.Id, connection, transaction))
        {
            return false;
        }

        var removed = await connection.ExecuteAsync(deleteBinding, parameters, transaction) == 1;
        var codes = await connection.ExecuteAsync(deleteCodes, parameters, transaction);
        await connection.ExecuteAsync(newStamp, parameters, transaction);
        var sessions = await connection.ExecuteAsync(endSessions, parameters, transaction);
        await connection.ExecuteAsync(endPending, parameters, transaction);
        var how = decision == RebindDecision.AcceptLinked ? "iDIN-identiteit al gekoppeld aan de klant" : "iDIN-gegevens komen volledig overeen met de klant";
        var outcome = string.Format(CultureInfo.InvariantCulture,
            "{0}; {1} ongebruikte herstelcode(s) vervallen, {2} sessie(s) beëindigd; nieuwe koppeling volgt",
            removed ? "authenticator-app ontkoppeld" : "geen authenticator-app gekoppeld", codes, sessions);
        await audit.AddAsync(new NewAuditEntry(account.Id, account.Email, account.Id, account.CustomerId, account.Email,
            SupportActionNames.RebindAuthenticator, $"{AuditVerification} ({options.Broker}); {how}",
            "authenticator-app kwijt of nieuwe telefoon (zelf, na wachtwoord)", outcome, client.RemoteIp), connection, transaction);
        await transaction.CommitAsync();
        return true;
    }

    /// <summary>The re-binding stands whether or not the mail goes out; a failure is logged for the operator.</summary>
    private async Task TryNotifyAsync(Account account)
    {
        try
        {
            var freeze = await freezeLinks.CreateAsync(account.Id, FreezeReasons.AuthenticatorRebound);
            await email.SendAsync(EmailTemplates.AuthenticatorRebound(account.Email, account.DisplayName, clock.GetUtcNow(), freeze));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(Operations.SecurityEvents.MailFailed, "The re-binding mail for account {AccountId} could not be sent: {Error}", account.Id, Operations.LogScrub.Exception(e));
        }
    }
}
