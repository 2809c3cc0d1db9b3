using AveroPortal.Core.Customers;
using AveroPortal.Core.Email;
using AveroPortal.Core.Freeze;
using AveroPortal.Core.Invitations;
using AveroPortal.Core.Login;
using Microsoft.Extensions.Logging;

namespace AveroPortal.Core.Colleagues;

/// <summary>
/// Business customers manage their company's e-mail accounts themselves: at most five per insured company (active
/// accounts and open links together), each person with an account of their own. Only administrators invite, revoke,
/// re-activate and hand on the role, and every company keeps at least one. Who acts is always an account id from the
/// signed-in session, never a company id from input, and every change re-reads that account's role inside the
/// transaction of the change (<see cref="CompanyLock"/>), which also writes its one company audit row.
/// </summary>
public sealed class ColleagueAdministration(
    ColleagueRepository colleagues,
    AccountRepository accounts,
    InvitationRepository invitations,
    CustomerRepository customers,
    CompanyAuditRepository audit,
    FreezeLinks freezeLinks,
    IEmailSender email,
    TimeProvider clock,
    ILogger<ColleagueAdministration> logger)
{
    public const int MaxAccountsPerCompany = 5;

    /// <summary>Every invitation (a resend too) is a mail to someone else's mailbox: one person sends at most this many an hour.</summary>
    public const int MaxInvitationsPerHour = 10;
    public const int MaxNameLength = 100;

    public async Task<ColleagueOverview?> GetOverviewAsync(long companyId)
    {
        var company = await customers.GetCompanyAsync(companyId);
        return company is null
            ? null
            : new ColleagueOverview(company, await colleagues.ListAccountsAsync(companyId), await colleagues.ListPendingAsync(companyId));
    }

    public static InviteProblem Check(string? emailAddress, string? name)
    {
        var emailProblem = LoginInput.CheckEmail(emailAddress);
        if (emailProblem != InputProblem.None)
        {
            return emailProblem switch
            {
                InputProblem.Missing => InviteProblem.EmailMissing,
                InputProblem.ControlCharacters => InviteProblem.ControlCharacters,
                _ => InviteProblem.EmailInvalid,
            };
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            return InviteProblem.NameMissing;
        }

        if (name.Trim().Length > MaxNameLength)
        {
            return InviteProblem.NameTooLong;
        }

        return LoginInput.HasControlCharacters(name) ? InviteProblem.ControlCharacters : InviteProblem.None;
    }

    /// <param name="linkBase">The portal's public address; the link in the mail is built on it.</param>
    public async Task<InviteResult> InviteAsync(ColleagueActor actor, string? emailAddress, string? name, string linkBase)
    {
        var problem = Check(emailAddress, name);
        if (problem != InviteProblem.None)
        {
            return new InviteResult(InviteOutcome.BadInput, problem);
        }

        var to = emailAddress!.Trim();
        var displayName = name!.Trim();
        IssuedInvitation issued;
        CompanyMember inviter;
        await using (var locked = await colleagues.LockCompanyOfAsync(actor.AccountId))
        {
            if (Refusal(locked) is { } refusal)
            {
                Operations.PortalMetrics.Invitation(InvitationKinds.Colleague, sent: false);
                return new InviteResult(refusal == Refused.NotAllowed ? InviteOutcome.NotAllowed : InviteOutcome.NotAdministrator);
            }

            inviter = locked!.Actor!;
            var claim = await locked.ClaimSeatAsync(inviter.Id, to, MaxAccountsPerCompany, MaxInvitationsPerHour, newColleagueEmail: to);
            if (claim != SeatClaim.Claimed)
            {
                Operations.PortalMetrics.Invitation(InvitationKinds.Colleague, sent: false);
                return new InviteResult(claim switch
                {
                    SeatClaim.TooManyInvitations => InviteOutcome.TooManyInvitations,
                    SeatClaim.AlreadyColleague => InviteOutcome.AlreadyColleague,
                    SeatClaim.CompanyNotInsured => InviteOutcome.CompanyNotInsured,
                    _ => InviteOutcome.LimitReached,
                });
            }

            // It revokes the older open link for the same address, which is why that address is left out of the seat count.
            issued = await invitations.IssueAsync(
                new NewInvitation(InvitationKinds.Colleague, to, displayName, Portals.Business, null, locked.CompanyId, null, inviter.Id),
                locked.Connection, locked.Transaction);
            await AuditAsync(locked, actor, CompanyAuditActions.InvitationSent, null, issued.Id, to);
            await locked.CommitAsync();
        }

        // The mail goes out after the commit: a rolled-back invitation must never have reached a mailbox.
        return await SendLinkAsync(InvitationKinds.Colleague, inviter, actor, to, displayName, issued, linkBase)
            ? new InviteResult(InviteOutcome.Invited, ExpiresAt: issued.ExpiresAt)
            : new InviteResult(InviteOutcome.MailFailed);
    }

    /// <summary>
    /// A new link for an open invitation or re-activation link of the actor's company: the old link stops working, the
    /// seat stays the same, and it counts toward <see cref="MaxInvitationsPerHour"/> (it is a mail all the same).
    /// </summary>
    public async Task<InviteResult> ResendInvitationAsync(ColleagueActor actor, long invitationId, string linkBase)
    {
        IssuedInvitation issued;
        CompanyMember sender;
        Invitation open;
        await using (var locked = await colleagues.LockCompanyOfAsync(actor.AccountId))
        {
            if (Refusal(locked) is { } refusal)
            {
                return new InviteResult(refusal == Refused.NotAllowed ? InviteOutcome.NotAllowed : InviteOutcome.NotAdministrator);
            }

            sender = locked!.Actor!;
            if (await locked.OpenInvitationAsync(invitationId) is not { } found)
            {
                return new InviteResult(InviteOutcome.NotFound);
            }

            open = found;
            var claim = await locked.ClaimSeatAsync(sender.Id, open.Email, MaxAccountsPerCompany, MaxInvitationsPerHour, exceptInvitationId: open.Id);
            if (claim != SeatClaim.Claimed)
            {
                Operations.PortalMetrics.Invitation(open.Kind, sent: false);
                return new InviteResult(claim switch
                {
                    SeatClaim.TooManyInvitations => InviteOutcome.TooManyInvitations,
                    SeatClaim.CompanyNotInsured => InviteOutcome.CompanyNotInsured,
                    _ => InviteOutcome.LimitReached,
                });
            }

            issued = await invitations.IssueAsync(
                new NewInvitation(open.Kind, open.Email, open.DisplayName, Portals.Business, null, locked.CompanyId, null, sender.Id, open.AccountId),
                locked.Connection, locked.Transaction);
            await AuditAsync(locked, actor, CompanyAuditActions.InvitationResent, open.AccountId, issued.Id, open.Email);
            await locked.CommitAsync();
        }

        return await SendLinkAsync(open.Kind, sender, actor, open.Email, open.DisplayName, issued, linkBase)
            ? new InviteResult(InviteOutcome.Invited, ExpiresAt: issued.ExpiresAt)
            : new InviteResult(InviteOutcome.MailFailed);
    }

    /// <summary>
    /// Disables a colleague's account: it loses the role, its sessions end at once and it no longer counts for the
    /// limit. The company's last active administrator can not be revoked (nor revoke themselves: see <see cref="StepDownAsync"/>).
    /// </summary>
    public async Task<RevokeOutcome> RevokeAccountAsync(ColleagueActor actor, long targetAccountId)
    {
        CompanyMember target;
        CompanyMember revoker;
        long companyId;
        await using (var locked = await colleagues.LockCompanyOfAsync(actor.AccountId))
        {
            if (Refusal(locked) is { } refusal)
            {
                return refusal == Refused.NotAllowed ? RevokeOutcome.NotAllowed : RevokeOutcome.NotAdministrator;
            }

            revoker = locked!.Actor!;
            companyId = locked.CompanyId;
            if (targetAccountId == revoker.Id)
            {
                return RevokeOutcome.NotYourself;
            }

            if (await locked.MemberAsync(targetAccountId) is not { } found)
            {
                return RevokeOutcome.NotFound;
            }

            target = found;
            if (!target.IsActive)
            {
                return RevokeOutcome.AlreadyRevoked;
            }

            // Counted inside the lock: two administrators revoking each other at once leave one (the second finds
            // itself revoked above); this holds the rule whatever else changes.
            if (target.IsAdministrator && await locked.ActiveAdministratorsAsync() <= 1)
            {
                return RevokeOutcome.LastAdministrator;
            }

            await locked.DisableAsync(target.Id);
            await AuditAsync(locked, actor, CompanyAuditActions.ColleagueRevoked, target.Id, null, target.Email);
            await locked.CommitAsync();
        }

        var company = await customers.GetCompanyAsync(companyId);
        await TrySendAsync(EmailTemplates.ColleagueRevoked(target.Email, target.DisplayName, company?.Name ?? "", revoker.DisplayName, clock.GetUtcNow()), "revocation", target.Id);
        return RevokeOutcome.Revoked;
    }

    public async Task<RevokeOutcome> RevokeInvitationAsync(ColleagueActor actor, long invitationId)
    {
        await using var locked = await colleagues.LockCompanyOfAsync(actor.AccountId);
        if (Refusal(locked) is { } refusal)
        {
            return refusal == Refused.NotAllowed ? RevokeOutcome.NotAllowed : RevokeOutcome.NotAdministrator;
        }

        if (await locked!.RevokeInvitationAsync(invitationId) is not { } address)
        {
            return RevokeOutcome.NotFound;
        }

        await AuditAsync(locked, actor, CompanyAuditActions.InvitationRevoked, null, invitationId, address);
        await locked.CommitAsync();
        return RevokeOutcome.Revoked;
    }

    /// <summary>
    /// Sends a revoked colleague a link that re-enables their own account with a new password and a new
    /// authenticator. The open link holds a seat, checked in the same transaction as every other seat.
    /// </summary>
    public async Task<ReactivateOutcome> ReactivateAsync(ColleagueActor actor, long targetAccountId, string linkBase)
    {
        IssuedInvitation issued;
        CompanyMember sender;
        CompanyMember target;
        await using (var locked = await colleagues.LockCompanyOfAsync(actor.AccountId))
        {
            if (Refusal(locked) is { } refusal)
            {
                return refusal == Refused.NotAllowed ? ReactivateOutcome.NotAllowed : ReactivateOutcome.NotAdministrator;
            }

            sender = locked!.Actor!;
            var (outcome, found, link) = await IssueReactivationAsync(locked, targetAccountId, sender.Id, MaxInvitationsPerHour);
            if (outcome != ReactivateOutcome.Sent)
            {
                return outcome;
            }

            (target, issued) = (found!, link!);
            await AuditAsync(locked, actor, CompanyAuditActions.ReactivationSent, target.Id, issued.Id, target.Email);
            await locked.CommitAsync();
        }

        return await SendLinkAsync(InvitationKinds.Reactivation, sender, actor, target.Email, target.DisplayName, issued, linkBase)
            ? ReactivateOutcome.Sent
            : ReactivateOutcome.MailFailed;
    }

    /// <summary>Hands the administrator role to an active colleague (as well: administrators step down themselves).</summary>
    public async Task<RoleOutcome> GrantAdministratorAsync(ColleagueActor actor, long targetAccountId)
    {
        CompanyMember target;
        CompanyMember granter;
        long companyId;
        await using (var locked = await colleagues.LockCompanyOfAsync(actor.AccountId))
        {
            if (Refusal(locked) is { } refusal)
            {
                return refusal == Refused.NotAllowed ? RoleOutcome.NotAllowed : RoleOutcome.NotAdministrator;
            }

            granter = locked!.Actor!;
            companyId = locked.CompanyId;
            var (outcome, found) = await GrantAsync(locked, targetAccountId);
            if (outcome != RoleOutcome.Granted)
            {
                return outcome;
            }

            target = found!;
            await AuditAsync(locked, actor, CompanyAuditActions.AdministratorGranted, target.Id, null, target.Email);
            await locked.CommitAsync();
        }

        await SendAdministratorGrantedAsync(target, companyId, granter.DisplayName);
        return RoleOutcome.Granted;
    }

    /// <summary>Gives up one's own administrator role; refused while no other active administrator remains.</summary>
    public async Task<RoleOutcome> StepDownAsync(ColleagueActor actor)
    {
        await using var locked = await colleagues.LockCompanyOfAsync(actor.AccountId);
        if (Refusal(locked) is { } refusal)
        {
            return refusal == Refused.NotAllowed ? RoleOutcome.NotAllowed : RoleOutcome.NotAdministrator;
        }

        var self = locked!.Actor!;
        if (await locked.ActiveAdministratorsAsync() <= 1)
        {
            return RoleOutcome.LastAdministrator;
        }

        await locked.SetAdministratorAsync(self.Id, false);
        await AuditAsync(locked, actor, CompanyAuditActions.AdministratorStepDown, self.Id, null, self.Email);
        await locked.CommitAsync();
        return RoleOutcome.SteppedDown;
    }

    /// <summary>An active business e-mail account with the administrator role.</summary>
    public Task<bool> IsAdministratorAsync(long accountId) => colleagues.IsAdministratorAsync(accountId);

    /// <summary>The company audit, newest first; empty for anyone but an administrator.</summary>
    public async Task<IReadOnlyList<CompanyAuditEntry>> AuditAsync(ColleagueActor actor) =>
        await colleagues.IsAdministratorAsync(actor.AccountId) && await accounts.GetAsync(actor.AccountId) is { CompanyId: { } companyId }
            ? await audit.ListAsync(companyId)
            : [];

    /// <summary>
    /// Redeems a re-activation link (called by <see cref="InvitationAcceptance"/> once the password passed its rules):
    /// in one transaction under the company lock, the seat check, the link used, the account re-enabled with the new
    /// hash and without any old factor (see <see cref="CompanyLock.ReenableAsync"/>), and its audit row.
    /// </summary>
    public async Task<(AcceptOutcome Outcome, long? AccountId)> AcceptReactivationAsync(Invitation invitation, string passwordHash, string? clientAddress)
    {
        if (invitation is not { Kind: InvitationKinds.Reactivation, CompanyId: { } companyId, AccountId: { } accountId })
        {
            return (AcceptOutcome.InvalidLink, null);
        }

        CompanyMember member;
        await using (var locked = await colleagues.LockCompanyAsync(companyId))
        {
            if (locked is null || await locked.MemberAsync(accountId) is not { IsActive: false } found)
            {
                return (AcceptOutcome.InvalidLink, null);
            }

            member = found;
            // The link held a seat while it was open; counted again here, leaving the link itself out, because accepting
            // is what makes the account count.
            var claim = await locked.ClaimSeatAsync(member.Id, null, MaxAccountsPerCompany, 0, exceptInvitationId: invitation.Id);
            if (claim != SeatClaim.Claimed)
            {
                return (claim == SeatClaim.CompanyNotInsured ? AcceptOutcome.CompanyNotInsured : AcceptOutcome.LimitReached, null);
            }

            if (!await locked.ReenableAsync(invitation.Id, member.Id, passwordHash))
            {
                return (AcceptOutcome.InvalidLink, null);
            }

            await locked.AuditAsync(CompanyAuditActorKinds.Customer, member.Id, null, member.DisplayName, CompanyAuditActions.ColleagueReactivated,
                member.Id, invitation.Id, member.Email, clientAddress);
            await locked.CommitAsync();
        }

        var company = await customers.GetCompanyAsync(companyId);
        var freeze = await freezeLinks.CreateAsync(member.Id, FreezeReasons.ColleagueReactivated);
        await TrySendAsync(EmailTemplates.ColleagueReactivated(member.Email, member.DisplayName, company?.Name ?? "", clock.GetUtcNow(), freeze), "re-activated", member.Id);
        return (AcceptOutcome.Created, member.Id);
    }

    /// <summary>
    /// Inside <paramref name="locked"/>: checks that the target is a revoked account of this company and that a seat is
    /// free, then issues its re-activation link (replacing an open one). Shared by administrators and the Supportdesk.
    /// </summary>
    /// <param name="perHourLimit">The sender's hourly cap; 0 for the Supportdesk (its agents have their own limiter).</param>
    internal async Task<(ReactivateOutcome Outcome, CompanyMember? Target, IssuedInvitation? Issued)> IssueReactivationAsync(
        CompanyLock locked, long targetAccountId, long senderAccountId, int perHourLimit)
    {
        if (await locked.MemberAsync(targetAccountId) is not { } target)
        {
            return (ReactivateOutcome.NotFound, null, null);
        }

        if (target.IsActive)
        {
            return (ReactivateOutcome.NotRevoked, target, null);
        }

        var claim = await locked.ClaimSeatAsync(senderAccountId, target.Email, MaxAccountsPerCompany, perHourLimit);
        if (claim != SeatClaim.Claimed)
        {
            Operations.PortalMetrics.Invitation(InvitationKinds.Reactivation, sent: false);
            return (claim switch
            {
                SeatClaim.TooManyInvitations => ReactivateOutcome.TooManyInvitations,
                SeatClaim.CompanyNotInsured => ReactivateOutcome.CompanyNotInsured,
                _ => ReactivateOutcome.LimitReached,
            }, target, null);
        }

        var issued = await invitations.IssueAsync(
            new NewInvitation(InvitationKinds.Reactivation, target.Email, target.DisplayName, Portals.Business, null, locked.CompanyId, null,
                senderAccountId, target.Id),
            locked.Connection, locked.Transaction);
        return (ReactivateOutcome.Sent, target, issued);
    }

    /// <summary>Inside <paramref name="locked"/>: makes an active account of this company administrator.</summary>
    internal static async Task<(RoleOutcome Outcome, CompanyMember? Target)> GrantAsync(CompanyLock locked, long targetAccountId)
    {
        if (await locked.MemberAsync(targetAccountId) is not { } target)
        {
            return (RoleOutcome.NotFound, null);
        }

        if (!target.IsActive)
        {
            return (RoleOutcome.NotActive, target);
        }

        if (target.IsAdministrator)
        {
            return (RoleOutcome.AlreadyAdministrator, target);
        }

        await locked.SetAdministratorAsync(target.Id, true);
        return (RoleOutcome.Granted, target);
    }

    /// <summary>The "you are administrator now" mail, with its "Dit was ik niet" link.</summary>
    internal async Task SendAdministratorGrantedAsync(CompanyMember target, long companyId, string grantedBy)
    {
        var company = await customers.GetCompanyAsync(companyId);
        var freeze = await freezeLinks.CreateAsync(target.Id, FreezeReasons.AdministratorGranted);
        await TrySendAsync(EmailTemplates.AdministratorGranted(target.Email, target.DisplayName, company?.Name ?? "", grantedBy, clock.GetUtcNow(), freeze),
            "administrator", target.Id);
    }

    /// <summary>
    /// Mails an invitation or re-activation link after its commit. A link nobody received would hold one of the five
    /// seats for 72 hours, so a failed mail withdraws it again (with its own audit row).
    /// </summary>
    internal async Task<bool> SendLinkAsync(string kind, CompanyMember sender, ColleagueActor? actor, string to, string displayName, IssuedInvitation issued,
        string linkBase, string? senderName = null, string actorKind = CompanyAuditActorKinds.Colleague, long? staffId = null)
    {
        var company = (await customers.GetCompanyAsync(sender.CompanyId))!;
        var link = $"{linkBase.TrimEnd('/')}/account-aanmaken?token={issued.Token}";
        var by = senderName ?? sender.DisplayName;
        EmailMessage message;
        if (kind == InvitationKinds.Reactivation)
        {
            message = EmailTemplates.ColleagueReactivation(to, displayName, company.Name, by, link, issued.ExpiresAt);
        }
        else
        {
            // An address with an account elsewhere (another company, a private customer, staff) is invited like any other:
            // the same answer, the same pending row and seat, the same mail sent, so the inviter learns nothing about it.
            // Its holder gets a notice instead of the link (which could never be redeemed: one account per address).
            var holder = await accounts.FindByEmailAsync(to);
            message = holder is null
                ? EmailTemplates.ColleagueInvitation(to, displayName, company.Name, by, link, issued.ExpiresAt)
                : EmailTemplates.ColleagueInvitationForExistingAccount(holder.Email, holder.DisplayName, company.Name, by, clock.GetUtcNow());
        }

        try
        {
            await email.SendAsync(message);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(Operations.SecurityEvents.MailFailed, "Colleague link {InvitationId} could not be sent; it is withdrawn: {Error}", issued.Id, Operations.LogScrub.Exception(e));
            await colleagues.WithdrawAsync(sender.CompanyId, issued.Id, new NewCompanyAuditEntry(sender.CompanyId, actorKind,
                actorKind == CompanyAuditActorKinds.Colleague ? sender.Id : null, staffId, by, CompanyAuditActions.InvitationRevoked,
                null, issued.Id, to, actor?.ClientAddress));
            return false;
        }
    }

    private async Task TrySendAsync(EmailMessage message, string what, long accountId)
    {
        try
        {
            await email.SendAsync(message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The change is committed and audited; a lost notice must not turn it into an error page.
            logger.LogError(Operations.SecurityEvents.MailFailed, "The {What} mail to account {AccountId} could not be sent: {Error}", what, accountId, Operations.LogScrub.Exception(e));
        }
    }

    private static Task AuditAsync(CompanyLock locked, ColleagueActor actor, string action, long? targetAccountId, long? targetInvitationId, string? targetEmail) =>
        locked.AuditAsync(CompanyAuditActorKinds.Colleague, locked.Actor!.Id, null, locked.Actor.DisplayName, action, targetAccountId, targetInvitationId,
            targetEmail, actor.ClientAddress);

    /// <summary>Null when the actor, read inside the lock, is an active administrator of the company.</summary>
    private static Refused? Refusal(CompanyLock? locked) => locked?.Actor switch
    {
        null or { IsActive: false } => Refused.NotAllowed,
        { IsAdministrator: false } => Refused.NotAdministrator,
        _ => null,
    };

    private enum Refused
    {
        NotAllowed,
        NotAdministrator,
    }
}
