using AveroPortal.Core.Colleagues;
using AveroPortal.Core.Customers;
using AveroPortal.Core.Email;
using AveroPortal.Core.Freeze;
using AveroPortal.Core.Invitations;
using AveroPortal.Core.Login;
using AveroPortal.Core.Passkeys;
using AveroPortal.Core.Sessions;

namespace AveroPortal.Core.Support;

/// <summary>
/// What the Supportdesk can do to a customer's login, each step checked, audited and, where the customer should
/// know, told to them by e-mail. Agents never touch staff accounts and never see or choose a password.
/// </summary>
public sealed class SupportActions(
    AccountRepository accounts,
    AuthenticatorRepository authenticators,
    SessionRepository sessions,
    InvitationRepository invitations,
    CustomerRepository customers,
    SupportAuditRepository audit,
    IEmailSender email,
    AgentRateLimiter limiter,
    FreezeLinks freezeLinks,
    TimeProvider clock,
    PasskeyCredentialRepository passkeys,
    PasskeyMails passkeyMails,
    ColleagueRepository colleagues,
    ColleagueAdministration colleagueAdministration)
{
    public const int MaxNoteLength = 500;

    public static SupportInputProblem Check(ActionRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Verification) || request.Verification.Trim().Length < 3)
        {
            return SupportInputProblem.VerificationMissing;
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Trim().Length < 3)
        {
            return SupportInputProblem.ReasonMissing;
        }

        if (request.Verification.Length > MaxNoteLength || request.Reason.Length > MaxNoteLength)
        {
            return SupportInputProblem.TooLong;
        }

        return HasForbiddenControl(request.Verification) || HasForbiddenControl(request.Reason)
            ? SupportInputProblem.ControlCharacters
            : SupportInputProblem.None;
    }

    public async Task<SupportResult> UnlinkAuthenticatorAsync(StaffMember agent, long accountId, ActionRequest request)
    {
        var (account, refusal) = await PrepareAsync(agent, accountId, request, SupportActionNames.UnlinkAuthenticator);
        if (refusal is not null)
        {
            return refusal;
        }

        var removed = await authenticators.DeleteAsync(account!.Id);
        // A new stamp ends every session at its next request or circuit check; ending the rows makes it immediate.
        await accounts.ChangeSecurityStampAsync(account.Id);
        await sessions.EndAllForAccountAsync(account.Id);
        var outcome = removed ? "ontkoppeld" : "geen authenticator gekoppeld; sessies beëindigd";
        await AuditAsync(agent, account, SupportActionNames.UnlinkAuthenticator, request, outcome);
        if (removed)
        {
            var freeze = await freezeLinks.CreateAsync(account.Id, FreezeReasons.AuthenticatorUnlinked);
            await email.SendAsync(EmailTemplates.AuthenticatorUnlinked(account.Email, account.DisplayName, clock.GetUtcNow(), freeze));
        }

        return new SupportResult(removed ? SupportOutcome.Done : SupportOutcome.NothingToDo);
    }

    /// <summary>
    /// Removes one passkey of a customer (a lost phone, a possibly cloned authenticator): the same verification note,
    /// confirmation, rate limit and audit as the unlink. The passkey stops working at once, in every instance: it is
    /// gone from the shared table. The customer gets a security mail. Sessions stay: a passkey that is removed
    /// because it was lost did not sign anyone in by being removed; the Supportdesk unlinks or freezes for that.
    /// </summary>
    public async Task<SupportResult> RemovePasskeyAsync(StaffMember agent, long accountId, long passkeyId, ActionRequest request)
    {
        var (account, refusal) = await PrepareAsync(agent, accountId, request, SupportActionNames.RemovePasskey);
        if (refusal is not null)
        {
            return refusal;
        }

        var passkey = await passkeys.GetAsync(account!.Id, passkeyId);
        var removed = passkey is not null && await passkeys.DeleteAsync(account.Id, passkeyId);
        await AuditAsync(agent, account, SupportActionNames.RemovePasskey, request,
            removed ? $"passkey \u201c{passkey!.Name}\u201d verwijderd" : "passkey niet gevonden (al verwijderd)");
        if (!removed)
        {
            return new SupportResult(SupportOutcome.NothingToDo);
        }

        await passkeyMails.NotifyAsync(account, PasskeyChange.RemovedBySupport, passkey!.Name);
        return new SupportResult(SupportOutcome.Done);
    }

    public async Task<SupportResult> UnlockAsync(StaffMember agent, long accountId, ActionRequest request)
    {
        var (account, refusal) = await PrepareAsync(agent, accountId, request, SupportActionNames.Unlock);
        if (refusal is not null)
        {
            return refusal;
        }

        var wasLocked = account!.FailedCount > 0 || account.LockoutEnd is not null;
        await accounts.ResetFailuresAsync(account.Id);
        await AuditAsync(agent, account, SupportActionNames.Unlock, request, wasLocked ? "ontgrendeld" : "was niet geblokkeerd");
        return new SupportResult(wasLocked ? SupportOutcome.Done : SupportOutcome.NothingToDo);
    }

    /// <summary>
    /// Lifts a freeze that the customer set with a "Dit was ik niet" link, after the agent recorded how the caller
    /// was verified. The sessions ended at the freeze stay ended; the customer signs in again.
    /// </summary>
    public async Task<SupportResult> UnfreezeAsync(StaffMember agent, long accountId, ActionRequest request)
    {
        var (account, refusal) = await PrepareAsync(agent, accountId, request, SupportActionNames.UnfreezeAccount);
        if (refusal is not null)
        {
            return refusal;
        }

        var unfrozen = await accounts.UnfreezeAsync(account!.Id);
        await AuditAsync(agent, account, SupportActionNames.UnfreezeAccount, request, unfrozen ? "ontdooid" : "was niet bevroren");
        return new SupportResult(unfrozen ? SupportOutcome.Done : SupportOutcome.NothingToDo);
    }

    /// <summary>
    /// Sends a private customer a 72-hour, single-use link to create an e-mail account of their own (the switch
    /// from iDIN). Sending again revokes the older link; a customer who already has an e-mail account gets none.
    /// </summary>
    public async Task<SupportResult> SendAccountCreationLinkAsync(StaffMember agent, long customerId, string? emailAddress, string linkBase, ActionRequest request)
    {
        var problem = Check(request);
        if (problem == SupportInputProblem.None && LoginInput.CheckEmail(emailAddress) != InputProblem.None)
        {
            problem = SupportInputProblem.EmailInvalid;
        }

        if (problem != SupportInputProblem.None)
        {
            return new SupportResult(SupportOutcome.BadInput, problem);
        }

        if (!await TryAcquireAsync(agent))
        {
            return new SupportResult(SupportOutcome.RateLimited);
        }

        var customer = await customers.GetCustomerAsync(customerId);
        if (customer is null)
        {
            return new SupportResult(SupportOutcome.NotFound);
        }

        var target = $"klant {customer.CustomerNumber} ({emailAddress!.Trim()})";
        // The switch from iDIN: a customer who already has an e-mail account needs no second one.
        if ((await accounts.ListForCustomerAsync(customer.Id)).Count > 0)
        {
            await audit.AddAsync(Entry(agent, null, customer.Id, target, SupportActionNames.SendAccountCreationLink, request, "geweigerd: klant heeft al een e-mailaccount"));
            Operations.PortalMetrics.Invitation(InvitationKinds.AccountCreation, sent: false);
            return new SupportResult(SupportOutcome.NothingToDo);
        }

        if (await accounts.FindByEmailAsync(emailAddress) is not null)
        {
            await audit.AddAsync(Entry(agent, null, customer.Id, target, SupportActionNames.SendAccountCreationLink, request, "geweigerd: e-mailadres al in gebruik"));
            Operations.PortalMetrics.Invitation(InvitationKinds.AccountCreation, sent: false);
            return new SupportResult(SupportOutcome.EmailTaken);
        }

        var issued = await invitations.IssueAsync(new NewInvitation(InvitationKinds.AccountCreation, emailAddress, customer.FullName,
            Portals.Private, customer.Id, null, null, agent.AccountId));
        var link = $"{linkBase.TrimEnd('/')}/account-aanmaken?token={issued.Token}";
        await email.SendAsync(EmailTemplates.AccountCreationLink(emailAddress.Trim(), customer.FullName, link, issued.ExpiresAt));
        await audit.AddAsync(Entry(agent, null, customer.Id, target, SupportActionNames.SendAccountCreationLink, request, "link verstuurd"));
        return new SupportResult(SupportOutcome.Done);
    }

    /// <summary>
    /// Makes a business colleague administrator of their company (for a company whose only administrator left), after
    /// the agent recorded how the caller was verified. The support audit row and the company audit row are written in
    /// the transaction of the change, under the company lock.
    /// </summary>
    public async Task<SupportResult> MakeAdministratorAsync(StaffMember agent, long accountId, ActionRequest request)
    {
        var (account, refusal) = await PrepareBusinessAsync(agent, accountId, request, SupportActionNames.MakeAdministrator);
        if (refusal is not null)
        {
            return refusal;
        }

        var agentName = await AgentNameAsync(agent);
        CompanyMember target;
        await using (var locked = await colleagues.LockCompanyAsync(account!.CompanyId!.Value))
        {
            var (outcome, found) = await ColleagueAdministration.GrantAsync(locked!, account.Id);
            var (result, text) = outcome switch
            {
                RoleOutcome.Granted => (SupportOutcome.Done, "beheerder gemaakt"),
                RoleOutcome.AlreadyAdministrator => (SupportOutcome.NothingToDo, "was al beheerder"),
                _ => (SupportOutcome.NotAllowed, "geweigerd: account is ingetrokken"),
            };
            await audit.AddAsync(Entry(agent, account.Id, account.CustomerId, account.Email, SupportActionNames.MakeAdministrator, request, text),
                locked!.Connection, locked.Transaction);
            if (outcome == RoleOutcome.Granted)
            {
                await locked.AuditAsync(CompanyAuditActorKinds.Support, null, agent.AccountId, agentName, CompanyAuditActions.AdministratorGranted,
                    account.Id, null, account.Email, request.RemoteIp);
            }

            await locked.CommitAsync();
            if (outcome != RoleOutcome.Granted)
            {
                return new SupportResult(result);
            }

            target = found!;
        }

        await colleagueAdministration.SendAdministratorGrantedAsync(target, target.CompanyId, "de Supportdesk");
        return new SupportResult(SupportOutcome.Done);
    }

    /// <summary>
    /// Sends a revoked business colleague a re-activation link (it holds one of the five seats while open, checked in
    /// the same transaction). The support audit row and the company audit row are written in that transaction too.
    /// </summary>
    public async Task<SupportResult> SendReactivationLinkAsync(StaffMember agent, long accountId, string linkBase, ActionRequest request)
    {
        var (account, refusal) = await PrepareBusinessAsync(agent, accountId, request, SupportActionNames.SendReactivationLink);
        if (refusal is not null)
        {
            return refusal;
        }

        var agentName = await AgentNameAsync(agent);
        CompanyMember target;
        IssuedInvitation issued;
        await using (var locked = await colleagues.LockCompanyAsync(account!.CompanyId!.Value))
        {
            var (outcome, found, link) = await colleagueAdministration.IssueReactivationAsync(locked!, account.Id, agent.AccountId, 0);
            var (result, text) = outcome switch
            {
                ReactivateOutcome.Sent => (SupportOutcome.Done, "heractivatielink verstuurd"),
                ReactivateOutcome.NotRevoked => (SupportOutcome.NothingToDo, "account is niet ingetrokken"),
                ReactivateOutcome.LimitReached => (SupportOutcome.LimitReached, "geweigerd: vijf accounts in gebruik"),
                _ => (SupportOutcome.NotAllowed, "geweigerd: bedrijf niet verzekerd"),
            };
            await audit.AddAsync(Entry(agent, account.Id, account.CustomerId, account.Email, SupportActionNames.SendReactivationLink, request, text),
                locked!.Connection, locked.Transaction);
            if (outcome == ReactivateOutcome.Sent)
            {
                await locked.AuditAsync(CompanyAuditActorKinds.Support, null, agent.AccountId, agentName, CompanyAuditActions.ReactivationSent,
                    account.Id, link!.Id, account.Email, request.RemoteIp);
            }

            await locked.CommitAsync();
            if (outcome != ReactivateOutcome.Sent)
            {
                return new SupportResult(result);
            }

            (target, issued) = (found!, link!);
        }

        var sent = await colleagueAdministration.SendLinkAsync(InvitationKinds.Reactivation, target, null, target.Email, target.DisplayName, issued, linkBase,
            senderName: "de Supportdesk", actorKind: CompanyAuditActorKinds.Support, staffId: agent.AccountId);
        return new SupportResult(sent ? SupportOutcome.Done : SupportOutcome.MailFailed);
    }

    /// <summary><see cref="PrepareAsync"/>, and the account must be a business e-mail account (the refusal is audited).</summary>
    private async Task<(Account? Account, SupportResult? Refusal)> PrepareBusinessAsync(StaffMember agent, long accountId, ActionRequest request, string action)
    {
        var (account, refusal) = await PrepareAsync(agent, accountId, request, action);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        if (account is not { Portal: Portals.Business, CompanyId: not null })
        {
            await AuditAsync(agent, account!, action, request, "geweigerd: geen zakelijk e-mailaccount");
            return (null, new SupportResult(SupportOutcome.NotAllowed));
        }

        return (account, null);
    }

    /// <summary>The agent's name as the company audit shows it, read from their own account (never from input).</summary>
    private async Task<string> AgentNameAsync(StaffMember agent) =>
        (await accounts.GetAsync(agent.AccountId))?.DisplayName ?? agent.Email;

    private async Task<(Account? Account, SupportResult? Refusal)> PrepareAsync(StaffMember agent, long accountId, ActionRequest request, string action)
    {
        var problem = Check(request);
        if (problem != SupportInputProblem.None)
        {
            return (null, new SupportResult(SupportOutcome.BadInput, problem));
        }

        if (!await TryAcquireAsync(agent))
        {
            return (null, new SupportResult(SupportOutcome.RateLimited));
        }

        var account = await accounts.GetAsync(accountId);
        if (account is null)
        {
            return (null, new SupportResult(SupportOutcome.NotFound));
        }

        if (account.IsStaff)
        {
            await AuditAsync(agent, account, action, request, "geweigerd: medewerkersaccount");
            return (null, new SupportResult(SupportOutcome.NotAllowed));
        }

        return (account, null);
    }

    private Task<bool> TryAcquireAsync(StaffMember agent) => limiter.TryActionAsync(agent.AccountId).AsTask();

    private Task AuditAsync(StaffMember agent, Account account, string action, ActionRequest request, string outcome) =>
        audit.AddAsync(Entry(agent, account.Id, account.CustomerId, account.Email, action, request, outcome));

    private static NewAuditEntry Entry(StaffMember agent, long? accountId, long? customerId, string target, string action, ActionRequest request, string outcome) =>
        new(agent.AccountId, agent.Email, accountId, customerId, target, action, request.Verification!.Trim(), request.Reason!.Trim(), outcome, request.RemoteIp);

    private static bool HasForbiddenControl(string value) => value.Any(c => char.IsControl(c) && c is not '\r' and not '\n');
}
