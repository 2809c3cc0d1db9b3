using AveroPortal.Core.Data;
using AveroPortal.Core.Login;
using Dapper;
using OtpNet;

namespace AveroPortal.Tests.Data;

public sealed class DemoSeederTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SeedsOnlyOnce()
    {
        const string sql = "SELECT COUNT(*) FROM accounts";

        Assert.True(await _database.Seeder.SeedAsync());
        Assert.False(await _database.Seeder.SeedAsync());

        await using var connection = await _database.Db.OpenAsync();
        Assert.Equal(6, await connection.ExecuteScalarAsync<long>(sql));
    }

    [Theory]
    [InlineData("jan.devries@example.com", Portals.Private)]
    [InlineData("anna.vandenberg@example.com", Portals.Private)]
    [InlineData("inkoop@korenbloem.example.com", Portals.Business)]
    [InlineData("t.hoekstra@hoekstra.example.com", Portals.Business)]
    [InlineData("beheer@averoachmea.example.com", Portals.Staff)]
    [InlineData("supportdesk@averoachmea.example.com", Portals.Staff)]
    public async Task SeededAccountExistsOnItsPortal(string email, string portal)
    {
        await _database.Seeder.SeedAsync();

        var account = await _database.Accounts.FindByEmailAsync(email);

        Assert.NotNull(account);
        Assert.Equal(portal, account.Portal);
    }

    [Fact]
    public async Task EachDemoCompanysOnlyAccountIsItsAdministrator()
    {
        Assert.True(await _database.Seeder.SeedAsync());

        await using var connection = await _database.Db.OpenAsync();
        var administrators = (await connection.QueryAsync<string>("SELECT email FROM accounts WHERE company_admin = 1 ORDER BY email")).AsList();
        Assert.Equal(["inkoop@korenbloem.example.com", "t.hoekstra@hoekstra.example.com"], administrators);
    }

    [Fact]
    public async Task SeededAccountsUseTheDemoPassword()
    {
        await _database.Seeder.SeedAsync();

        var account = await _database.Accounts.FindByEmailAsync("anna.vandenberg@example.com");

        Assert.Equal(PasswordCheck.Success, TestPasswords.Verify(account!.PasswordHash, DemoSeeder.DemoPassword));
    }

    [Fact]
    public async Task SomeSeededAccountsStillHaveToEnroll()
    {
        await _database.Seeder.SeedAsync();

        var anna = await _database.Accounts.FindByEmailAsync("anna.vandenberg@example.com");
        var hoekstra = await _database.Accounts.FindByEmailAsync("t.hoekstra@hoekstra.example.com");

        Assert.Null(await _database.Authenticators.GetAsync(anna!.Id));
        Assert.Null(await _database.Authenticators.GetAsync(hoekstra!.Id));
    }

    [Fact]
    public async Task EnrolledDemoAccountAcceptsACodeFromThePublishedKey()
    {
        await _database.Seeder.SeedAsync();
        var jan = await _database.Accounts.FindByEmailAsync("jan.devries@example.com");
        var code = TotpPolicy.ComputeCode(Base32Encoding.ToBytes(DemoSeeder.DemoAuthenticatorKey), _database.Clock.GetUtcNow());

        var result = await _database.Login.VerifyCodeAsync(jan!.Id, code, ClientInfo.Of("192.0.2.1", "xunit"));

        Assert.Equal(CodeStepOutcome.Accepted, result.Outcome);
    }
}
