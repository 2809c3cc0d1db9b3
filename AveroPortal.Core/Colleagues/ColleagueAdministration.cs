using AveroPortal.Core.Customers;
using AveroPortal.Core.Email;
using AveroPortal.Core.Invitations;
using AveroPortal.Core.Login;
using AveroPortal.Core.Sessions;
using Microsoft.Extensions.Logging;

namespace AveroPortal.Core.Colleagues;

/// <summary>
/// Business customers manage their company's e-mail accounts themselves: at most five per insured company (active
/// accounts and open invitations together), each person with an account of their own. Who acts is always an
/// account id from the signed-in session, re-read here, never a company id from input.
/// </summary>
public sealed class ColleagueAdministration(
    ColleagueRepository colleagues,
    AccountRepository accounts,
    InvitationRepository invitations,
    SessionRepository sessions,
    CustomerRepository customers,
    CompanyAuditRepository audit,
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

        var inviter = await ActiveBusinessAccountAsync(actor.AccountId);
        if (inviter is null)
        {
            return new InviteResult(InviteOutcome.NotAllowed);
        }

        var to = emailAddress!.Trim();
        var displayName = name!.Trim();
        var companyId = inviter.CompanyId!.Value;
        var (claim, issued) = await colleagues.IssueWithinLimitsAsync(companyId, inviter.Id, to, MaxAccountsPerCompany, MaxInvitationsPerHour,
            (connection, transaction) => invitations.IssueAsync(
                new NewInvitation(InvitationKinds.Colleague, to, displayName, Portals.Business, null, companyId, null, inviter.Id),
                connection, transaction));
        if (claim != SeatClaim.Claimed)
        {
            Operations.PortalMetrics.Invitation(InvitationKinds.Colleague, sent: false);
        }

        switch (claim)
        {
            case SeatClaim.TooManyInvitations:
                return new InviteResult(InviteOutcome.TooManyInvitations);
            case SeatClaim.AlreadyColleague:
                return new InviteResult(InviteOutcome.AlreadyColleague);
            case SeatClaim.LimitReached:
                return new InviteResult(InviteOutcome.LimitReached);
            case SeatClaim.CompanyNotInsured:
                return new InviteResult(InviteOutcome.CompanyNotInsured);
        }

        // The mail goes out after the commit: a rolled-back invitation must never have reached a mailbox.
        var company = (await customers.GetCompanyAsync(companyId))!;
        var link = $"{linkBase.TrimEnd('/')}/account-aanmaken?token={issued!.Token}";
        // An address with an account elsewhere (another company, a private customer, staff) is invited like any other:
        // the same answer, the same pending row and seat, the same mail sent, so the inviter learns nothing about it.
        // Its holder gets a notice instead of the link (which could never be redeemed: one account per address).
        var holder = await accounts.FindByEmailAsync(to);
        var message = holder is null
            ? EmailTemplates.ColleagueInvitation(to, displayName, company.Name, inviter.DisplayName, link, issued.ExpiresAt)
            : EmailTemplates.ColleagueInvitationForExistingAccount(holder.Email, holder.DisplayName, company.Name, inviter.DisplayName, clock.GetUtcNow());
        try
        {
            await email.SendAsync(message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A link nobody received would hold one of the five seats for 72 hours.
            logger.LogError(Operations.SecurityEvents.MailFailed, "Colleague invitation {InvitationId} could not be sent; it is withdrawn: {Error}", issued.Id, Operations.LogScrub.Exception(e));
            await colleagues.RevokeInvitationAsync(companyId, issued.Id);
            return new InviteResult(InviteOutcome.MailFailed);
        }

        return new InviteResult(InviteOutcome.Invited, ExpiresAt: issued.ExpiresAt);
    }

    /// <summary>Disables a colleague's account; its sessions end at once and it no longer counts for the limit.</summary>
    public async Task<RevokeOutcome> RevokeAccountAsync(ColleagueActor actor, long targetAccountId)
    {
        var inviter = await ActiveBusinessAccountAsync(actor.AccountId);
        if (inviter is null)
        {
            return RevokeOutcome.NotAllowed;
        }

        if (targetAccountId == inviter.Id)
        {
            return RevokeOutcome.NotYourself;
        }

        var target = await accounts.GetAsync(targetAccountId);
        if (target is null || target.Portal != Portals.Business || target.CompanyId != inviter.CompanyId)
        {
            return RevokeOutcome.NotFound;
        }

        if (!await accounts.DisableAsync(target.Id))
        {
            return RevokeOutcome.AlreadyRevoked;
        }

        // The new security stamp ends the sessions at their next check; ending the rows makes that immediate.
        await sessions.EndAllForAccountAsync(target.Id);
        return RevokeOutcome.Revoked;
    }

    public async Task<RevokeOutcome> RevokeInvitationAsync(ColleagueActor actor, long invitationId)
    {
        var inviter = await ActiveBusinessAccountAsync(actor.AccountId);
        if (inviter is null)
        {
            return RevokeOutcome.NotAllowed;
        }

        return await colleagues.RevokeInvitationAsync(inviter.CompanyId!.Value, invitationId) ? RevokeOutcome.Revoked : RevokeOutcome.NotFound;
    }

    /// <summary>An active business e-mail account with the administrator role.</summary>
    public Task<bool> IsAdministratorAsync(long accountId) => throw new NotImplementedException();

    /// <summary>A new link for an open invitation (the old one stops working); it counts toward <see cref="MaxInvitationsPerHour"/>.</summary>
    public Task<InviteResult> ResendInvitationAsync(ColleagueActor actor, long invitationId, string linkBase) => throw new NotImplementedException();

    public Task<ReactivateOutcome> ReactivateAsync(ColleagueActor actor, long targetAccountId, string linkBase) => throw new NotImplementedException();

    public Task<RoleOutcome> GrantAdministratorAsync(ColleagueActor actor, long targetAccountId) => throw new NotImplementedException();

    public Task<RoleOutcome> StepDownAsync(ColleagueActor actor) => throw new NotImplementedException();

    /// <summary>The company audit, newest first; empty for anyone but an administrator.</summary>
    public async Task<IReadOnlyList<CompanyAuditEntry>> AuditAsync(ColleagueActor actor) =>
        await IsAdministratorAsync(actor.AccountId) && await accounts.GetAsync(actor.AccountId) is { CompanyId: { } companyId }
            ? await audit.ListAsync(companyId)
            : [];

    private async Task<Account?> ActiveBusinessAccountAsync(long accountId) =>
        await accounts.GetAsync(accountId) is { Portal: Portals.Business, CompanyId: not null, DisabledAt: null } account ? account : null;
}
