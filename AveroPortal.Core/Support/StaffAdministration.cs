using AveroPortal.Core.Email;
using AveroPortal.Core.Invitations;
using AveroPortal.Core.Login;
using AveroPortal.Core.Sessions;

namespace AveroPortal.Core.Support;

/// <summary>Admins create and disable support agents. A new agent sets their own password through a single-use link.</summary>
public sealed class StaffAdministration(
    AccountRepository accounts,
    InvitationRepository invitations,
    SessionRepository sessions,
    SupportAuditRepository audit,
    IEmailSender email,
    AgentRateLimiter limiter)
{
    public async Task<SupportResult> InviteAsync(StaffMember admin, string? emailAddress, string? name, string? role, string linkBase, ActionRequest request)
    {
        if (!admin.IsAdmin)
        {
            return new SupportResult(SupportOutcome.NotAllowed);
        }

        var problem = SupportActions.Check(request);
        if (problem == SupportInputProblem.None && (LoginInput.CheckEmail(emailAddress) != InputProblem.None
            || string.IsNullOrWhiteSpace(name) || name.Length > 100 || LoginInput.HasControlCharacters(name)
            || role is not (StaffRoles.SupportAgent or StaffRoles.Admin)))
        {
            problem = SupportInputProblem.EmailInvalid;
        }

        if (problem != SupportInputProblem.None)
        {
            return new SupportResult(SupportOutcome.BadInput, problem);
        }

        if (!await limiter.TryActionAsync(admin.AccountId))
        {
            return new SupportResult(SupportOutcome.RateLimited);
        }

        if (await accounts.FindByEmailAsync(emailAddress!) is not null)
        {
            return new SupportResult(SupportOutcome.EmailTaken);
        }

        var issued = await invitations.IssueAsync(new NewInvitation(InvitationKinds.Staff, emailAddress!, name!.Trim(), Portals.Staff, null, null, role, admin.AccountId));
        var link = $"{linkBase.TrimEnd('/')}/account-aanmaken?token={issued.Token}";
        await email.SendAsync(EmailTemplates.StaffInvitation(emailAddress!.Trim(), name.Trim(), link, issued.ExpiresAt));
        await audit.AddAsync(new NewAuditEntry(admin.AccountId, admin.Email, null, null, $"medewerker {emailAddress.Trim()} ({role})",
            SupportActionNames.CreateStaff, request.Verification!.Trim(), request.Reason!.Trim(), "uitnodiging verstuurd", request.RemoteIp));
        return new SupportResult(SupportOutcome.Done);
    }

    public async Task<SupportResult> DisableAsync(StaffMember admin, long accountId, ActionRequest request)
    {
        if (!admin.IsAdmin)
        {
            return new SupportResult(SupportOutcome.NotAllowed);
        }

        var problem = SupportActions.Check(request);
        if (problem != SupportInputProblem.None)
        {
            return new SupportResult(SupportOutcome.BadInput, problem);
        }

        if (!await limiter.TryActionAsync(admin.AccountId))
        {
            return new SupportResult(SupportOutcome.RateLimited);
        }

        var account = await accounts.GetAsync(accountId);
        if (account is null || !account.IsStaff)
        {
            return new SupportResult(SupportOutcome.NotFound);
        }

        if (account.Id == admin.AccountId)
        {
            return new SupportResult(SupportOutcome.NotAllowed);
        }

        var disabled = await accounts.DisableAsync(account.Id);
        await sessions.EndAllForAccountAsync(account.Id);
        await audit.AddAsync(new NewAuditEntry(admin.AccountId, admin.Email, account.Id, null, account.Email,
            SupportActionNames.DisableStaff, request.Verification!.Trim(), request.Reason!.Trim(), disabled ? "uitgeschakeld" : "was al uitgeschakeld", request.RemoteIp));
        return new SupportResult(disabled ? SupportOutcome.Done : SupportOutcome.NothingToDo);
    }
}
