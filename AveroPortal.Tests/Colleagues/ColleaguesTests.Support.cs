using AveroPortal.Core.Colleagues;
using AveroPortal.Core.Invitations;
using AveroPortal.Core.Login;
using AveroPortal.Core.Passkeys;
using AveroPortal.Core.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace AveroPortal.Tests.Colleagues;

// The Supportdesk's colleague actions: make administrator and send a re-activation link, each in both audits.
public abstract partial class ColleaguesTests
{
    private static readonly ActionRequest SupportRequest = new("KvK-nummer en geboortedatum gecontroleerd", "beheerder is vertrokken", "203.0.113.9");

    private async Task<(SupportActions Actions, SupportAuditRepository Audit, StaffMember Agent)> SupportAsync()
    {
        var audit = new SupportAuditRepository(_db.Db, _db.Clock);
        var actions = new SupportActions(_db.Accounts, _db.Authenticators, _db.Sessions, _invitations, _db.Customers, audit, _mail, new AgentRateLimiter(),
            _db.FreezeLinks, _db.Clock, _db.PasskeyCredentials, new PasskeyMails(_mail, _db.FreezeLinks, _db.Clock, NullLogger<PasskeyMails>.Instance),
            _repository, _colleagues);
        var email = $"agent{Interlocked.Increment(ref _sequence)}@avero.example.com";
        var id = await _db.Accounts.CreateAsync(new NewAccount(Portals.Staff, email, "Sjoerd Supportdesk", TestPasswords.RightHash, null, null, StaffRoles.SupportAgent));
        return (actions, audit, new StaffMember(id, email, StaffRoles.SupportAgent));
    }

    [Fact]
    public async Task TheSupportdeskMakesAColleagueAdministratorInTheSupportAuditAndTheCompanyAudit()
    {
        var (companyId, admin) = await CompanyWithAccountsAsync(2);
        var colleague = (await _colleagues.GetOverviewAsync(companyId))!.Accounts.First(a => a.Id != admin);
        var (support, supportAudit, agent) = await SupportAsync();

        var result = await support.MakeAdministratorAsync(agent, colleague.Id, SupportRequest);

        Assert.Equal(SupportOutcome.Done, result.Outcome);
        Assert.True(await _colleagues.IsAdministratorAsync(colleague.Id));
        var supportEntry = Assert.Single(await supportAudit.ForAccountAsync(colleague.Id));
        Assert.Equal((SupportActionNames.MakeAdministrator, "KvK-nummer en geboortedatum gecontroleerd", agent.AccountId),
            (supportEntry.Action, supportEntry.Verification, supportEntry.AgentAccountId));
        var companyEntry = Assert.Single(await _db.CompanyAudit.ListAsync(companyId));
        Assert.Equal((CompanyAuditActions.AdministratorGranted, CompanyAuditActorKinds.Support, "Sjoerd Supportdesk", colleague.Email, "203.0.113.9"),
            (companyEntry.Action, companyEntry.ActorKind, companyEntry.ActorName, companyEntry.TargetEmail, companyEntry.ClientAddress));
        Assert.Equal("U bent beheerder van Mijn Avéro Achmea Bedrijven", _mail.Sent[^1].Subject);

        // Again: nothing to do, audited at the Supportdesk only (the company's roles did not change).
        Assert.Equal(SupportOutcome.NothingToDo, (await support.MakeAdministratorAsync(agent, colleague.Id, SupportRequest)).Outcome);
        Assert.Equal(2, (await supportAudit.ForAccountAsync(colleague.Id)).Count);
        Assert.Single(await _db.CompanyAudit.ListAsync(companyId));
    }

    [Fact]
    public async Task TheSupportdeskMakesNoPrivateRevokedOrUnverifiedAccountAdministrator()
    {
        var (companyId, admin) = await CompanyWithAccountsAsync(2);
        var colleague = (await _colleagues.GetOverviewAsync(companyId))!.Accounts.First(a => a.Id != admin).Id;
        Assert.Equal(RevokeOutcome.Revoked, await _colleagues.RevokeAccountAsync(Actor(admin), colleague));
        var privateAccount = await _db.AddAccountAsync("particulier-support@example.com");
        var (support, _, agent) = await SupportAsync();

        Assert.Equal(SupportOutcome.NotAllowed, (await support.MakeAdministratorAsync(agent, colleague, SupportRequest)).Outcome);
        Assert.Equal(SupportOutcome.NotAllowed, (await support.MakeAdministratorAsync(agent, privateAccount, SupportRequest)).Outcome);
        Assert.Equal(SupportOutcome.BadInput, (await support.MakeAdministratorAsync(agent, admin, new ActionRequest("", "reden", null))).Outcome);
        Assert.Equal(SupportOutcome.NotFound, (await support.MakeAdministratorAsync(agent, 999_999, SupportRequest)).Outcome);

        Assert.False(await _colleagues.IsAdministratorAsync(colleague));
        Assert.Equal(1, await CountAuditAsync(companyId));
    }

    [Fact]
    public async Task TheSupportdeskSendsAReactivationLinkInBothAuditsAndItHoldsASeat()
    {
        var (companyId, admin) = await CompanyWithAccountsAsync(5);
        var target = (await _colleagues.GetOverviewAsync(companyId))!.Accounts.First(a => a.Id != admin);
        var (support, supportAudit, agent) = await SupportAsync();
        Assert.Equal(SupportOutcome.NothingToDo, (await support.SendReactivationLinkAsync(agent, target.Id, LinkBase, SupportRequest)).Outcome);
        Assert.Equal(RevokeOutcome.Revoked, await _colleagues.RevokeAccountAsync(Actor(admin), target.Id));

        var result = await support.SendReactivationLinkAsync(agent, target.Id, LinkBase, SupportRequest);

        Assert.Equal(SupportOutcome.Done, result.Outcome);
        Assert.Equal((target.Email, "Uw account voor Mijn Avéro Achmea Bedrijven wordt opnieuw geactiveerd"), (_mail.Sent[^1].To, _mail.Sent[^1].Subject));
        Assert.Equal([SupportActionNames.SendReactivationLink, SupportActionNames.SendReactivationLink],
            (await supportAudit.ForAccountAsync(target.Id)).Select(e => e.Action));
        var companyEntry = (await _db.CompanyAudit.ListAsync(companyId))[0];
        Assert.Equal((CompanyAuditActions.ReactivationSent, CompanyAuditActorKinds.Support), (companyEntry.Action, companyEntry.ActorKind));
        Assert.Equal(5, (await _colleagues.GetOverviewAsync(companyId))!.InUse);
        Assert.Equal(InviteOutcome.LimitReached, (await InviteAsync(admin, "geen-plek@example.com")).Outcome);

        Assert.Equal(AcceptOutcome.Created, (await _db.Acceptance(_mail).AcceptAsync(TokenOf(_mail.Sent.Last(m => m.To == target.Email && m.Subject.Contains("wordt", StringComparison.Ordinal))), Password, Password)).Outcome);
        Assert.Null((await _db.Accounts.GetAsync(target.Id))!.DisabledAt);
    }

    [Fact]
    public async Task TheSupportdeskFindsNoSeatForAReactivationWhenFiveAreInUse()
    {
        var (companyId, admin) = await CompanyWithAccountsAsync(5);
        var target = (await _colleagues.GetOverviewAsync(companyId))!.Accounts.First(a => a.Id != admin).Id;
        Assert.Equal(RevokeOutcome.Revoked, await _colleagues.RevokeAccountAsync(Actor(admin), target));
        Assert.Equal(InviteOutcome.Invited, (await InviteAsync(admin, "vijfde-plek@example.com")).Outcome);
        var (support, supportAudit, agent) = await SupportAsync();
        var auditRows = await CountAuditAsync(companyId);

        Assert.Equal(SupportOutcome.LimitReached, (await support.SendReactivationLinkAsync(agent, target, LinkBase, SupportRequest)).Outcome);

        Assert.Equal(auditRows, await CountAuditAsync(companyId));
        Assert.StartsWith("geweigerd", Assert.Single(await supportAudit.ForAccountAsync(target)).Outcome, StringComparison.Ordinal);
        Assert.Equal(5, (await _colleagues.GetOverviewAsync(companyId))!.InUse);
    }
}
