using System.Text.RegularExpressions;
using AveroPortal.Core.Invitations;
using AveroPortal.Core.Login;
using AveroPortal.Core.Support;

namespace AveroPortal.Tests.Support;

public sealed partial class StaffAdministrationTests : IDisposable
{
    private static readonly ActionRequest Request = new("mondeling akkoord teamleider", "nieuwe collega", "192.0.2.1");
    private readonly TestDatabase _db = TestDatabase.CreateAsync().GetAwaiter().GetResult();
    private readonly RecordingEmailSender _mail = new();
    private readonly AgentRateLimiter _limiter = new();
    private readonly SupportAuditRepository _audit;
    private readonly InvitationRepository _invitations;
    private readonly StaffAdministration _staff;

    public StaffAdministrationTests()
    {
        _audit = new SupportAuditRepository(_db.Db, _db.Clock);
        _invitations = new InvitationRepository(_db.Db, _db.Clock);
        _staff = new StaffAdministration(_db.Accounts, _invitations, _db.Sessions, _audit, _mail, _limiter);
    }

    [Fact]
    public async Task AnAdminInvitesAnAgentWhoSetsTheirOwnPassword()
    {
        var admin = await StaffAsync("beheer@avero.example.com", StaffRoles.Admin);

        var result = await _staff.InviteAsync(admin, "nieuw@avero.example.com", "Nieuwe Collega", StaffRoles.SupportAgent, "https://portal.example", Request);

        Assert.Equal(SupportOutcome.Done, result.Outcome);
        var token = TokenPattern().Match(Assert.Single(_mail.Sent).TextBody).Groups[1].Value;
        var acceptance = _db.Acceptance();
        var created = await acceptance.AcceptAsync(token, "Koffie-om-tien-uur", "Koffie-om-tien-uur");
        Assert.Equal(AcceptOutcome.Created, created.Outcome);
        Assert.Equal(Portals.Staff, created.Account!.Portal);
        Assert.Equal(StaffRoles.SupportAgent, created.Account.Role);
        var (entries, _) = await _audit.SearchAsync(new AuditFilter(Action: SupportActionNames.CreateStaff), 0, 10);
        Assert.Equal("beheer@avero.example.com", Assert.Single(entries).AgentEmail);
    }

    [Fact]
    public async Task AnAgentCanNotInviteOrDisable()
    {
        var agent = await StaffAsync("agent@avero.example.com", StaffRoles.SupportAgent);
        var other = await StaffAsync("ander@avero.example.com", StaffRoles.SupportAgent);

        Assert.Equal(SupportOutcome.NotAllowed, (await _staff.InviteAsync(agent, "x@avero.example.com", "X", StaffRoles.Admin, "https://portal.example", Request)).Outcome);
        Assert.Equal(SupportOutcome.NotAllowed, (await _staff.DisableAsync(agent, other.AccountId, Request)).Outcome);
        Assert.Empty(_mail.Sent);
        Assert.Null((await _db.Accounts.GetAsync(other.AccountId))!.DisabledAt);
    }

    [Fact]
    public async Task DisablingEndsSessionsBlocksLoginAndIsAudited()
    {
        var admin = await StaffAsync("beheer@avero.example.com", StaffRoles.Admin);
        var agent = await StaffAsync("weg@avero.example.com", StaffRoles.SupportAgent);
        var session = await _db.Sessions.CreateAsync(agent.AccountId, "password+totp", null, null);

        var result = await _staff.DisableAsync(admin, agent.AccountId, Request);

        Assert.Equal(SupportOutcome.Done, result.Outcome);
        Assert.False(_db.Sessions.IsLive((await _db.Sessions.GetAsync(session))!));
        var login = await _db.Login.CheckPasswordAsync(Portals.Staff, "weg@avero.example.com", TestPasswords.Right, new ClientInfo(null, null));
        Assert.Equal(PasswordStepOutcome.InvalidCredentials, login.Outcome);
        Assert.Equal(SupportActionNames.DisableStaff, Assert.Single(await _audit.ForAccountAsync(agent.AccountId)).Action);
    }

    [Fact]
    public async Task AnAdminCanNotDisableThemselvesOrACustomer()
    {
        var admin = await StaffAsync("beheer@avero.example.com", StaffRoles.Admin);
        var customer = await _db.AddAccountAsync("klant@example.com");

        Assert.Equal(SupportOutcome.NotAllowed, (await _staff.DisableAsync(admin, admin.AccountId, Request)).Outcome);
        Assert.Equal(SupportOutcome.NotFound, (await _staff.DisableAsync(admin, customer, Request)).Outcome);
    }

    public void Dispose()
    {
        _limiter.Dispose();
        _db.Dispose();
    }

    private async Task<StaffMember> StaffAsync(string email, string role)
    {
        var id = await _db.Accounts.CreateAsync(new NewAccount(Portals.Staff, email, email, TestPasswords.RightHash, null, null, role));
        return new StaffMember(id, email, role);
    }

    [GeneratedRegex(@"token=([A-Za-z0-9_-]{43})")]
    private static partial Regex TokenPattern();
}
