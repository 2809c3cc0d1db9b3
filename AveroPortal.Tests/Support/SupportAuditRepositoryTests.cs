using AveroPortal.Core.Login;
using AveroPortal.Core.Support;

namespace AveroPortal.Tests.Support;

public sealed class SupportAuditRepositoryTests : IDisposable
{
    private readonly TestDatabase _db = TestDatabase.CreateAsync().GetAwaiter().GetResult();
    private readonly SupportAuditRepository _audit;

    public SupportAuditRepositoryTests() => _audit = new SupportAuditRepository(_db.Db, _db.Clock);

    [Fact]
    public async Task FiltersByAgentActionAndDay()
    {
        var anna = await StaffAsync("anna@avero.example.com");
        var bert = await StaffAsync("bert@avero.example.com");
        var target = await _db.AddAccountAsync("klant@example.com");
        await AddAsync(anna, target, SupportActionNames.Unlock);
        _db.Clock.Advance(TimeSpan.FromDays(2));
        await AddAsync(bert, target, SupportActionNames.UnlinkAuthenticator);
        await AddAsync(anna, target, SupportActionNames.UnlinkAuthenticator);
        var today = DateOnly.FromDateTime(_db.Clock.GetUtcNow().UtcDateTime);

        Assert.Equal(2, (await _audit.SearchAsync(new AuditFilter(AgentEmail: "ANNA@"), 0, 10)).Total);
        Assert.Equal(2, (await _audit.SearchAsync(new AuditFilter(Action: SupportActionNames.UnlinkAuthenticator), 0, 10)).Total);
        Assert.Equal(2, (await _audit.SearchAsync(new AuditFilter(From: today), 0, 10)).Total);
        Assert.Equal(1, (await _audit.SearchAsync(new AuditFilter(To: today.AddDays(-1)), 0, 10)).Total);
        var (page, total) = await _audit.SearchAsync(new AuditFilter(AgentEmail: "anna", Action: SupportActionNames.UnlinkAuthenticator, From: today, To: today), 0, 10);
        Assert.Equal(1, total);
        Assert.Equal("anna@avero.example.com", Assert.Single(page).AgentEmail);
    }

    [Fact]
    public async Task NewestComeFirstAndPagesAreLimited()
    {
        var anna = await StaffAsync("anna@avero.example.com");
        var target = await _db.AddAccountAsync("klant@example.com");
        for (var i = 0; i < 5; i++)
        {
            await AddAsync(anna, target, SupportActionNames.Unlock, reason: $"reden {i}");
            _db.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var (page, total) = await _audit.SearchAsync(new AuditFilter(), 0, 2);

        Assert.Equal(5, total);
        Assert.Equal(["reden 4", "reden 3"], page.Select(e => e.Reason));
    }

    public void Dispose() => _db.Dispose();

    private async Task<(long Id, string Email)> StaffAsync(string email) =>
        (await _db.Accounts.CreateAsync(new NewAccount(Portals.Staff, email, email, TestPasswords.RightHash, null, null, StaffRoles.SupportAgent)), email);

    private Task AddAsync((long Id, string Email) agent, long target, string action, string reason = "reden") =>
        _audit.AddAsync(new NewAuditEntry(agent.Id, agent.Email, target, null, "klant@example.com", action, "geboortedatum", reason, "ok", null));
}
