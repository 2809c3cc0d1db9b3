using AveroPortal.Core.Login;
using Microsoft.Data.Sqlite;

namespace AveroPortal.Tests.Login;

public sealed class AccountRepositoryTests
{
    // The repository never checks the hash, so these tests need no slow real one.
    private const string Hash = "not-a-real-hash";

    [Fact]
    public async Task CreatedAccountIsFoundByEmailWhateverItsCase()
    {
        using var database = await TestDatabase.CreateAsync();
        var id = await database.AddAccountAsync(" Jan.DeVries@Example.com ", Hash);

        var account = await database.Accounts.FindByEmailAsync("JAN.devries@example.COM");

        Assert.NotNull(account);
        Assert.Equal(id, account.Id);
        Assert.Equal("Jan.DeVries@Example.com", account.Email);
        Assert.Equal(Portals.Private, account.Portal);
        Assert.Equal(new LockoutState(0, null), account.Lockout);
        Assert.Matches("^[0-9A-F]{32}$", account.SecurityStamp);
    }

    [Fact]
    public async Task UnknownEmailIsNotFound()
    {
        using var database = await TestDatabase.CreateAsync();
        await database.AddAccountAsync("jan@example.com", Hash);

        Assert.Null(await database.Accounts.FindByEmailAsync("anna@example.com"));
    }

    [Fact]
    public async Task SameEmailInAnotherCaseIsRefused()
    {
        using var database = await TestDatabase.CreateAsync();
        await database.AddAccountAsync("jan@example.com", Hash);

        var error = await Assert.ThrowsAsync<SqliteException>(() => database.AddAccountAsync("JAN@Example.com", Hash, Portals.Business));

        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
    }

    [Fact]
    public async Task ParallelWrongAttemptsCanNotGetPastTheCounter()
    {
        using var database = await TestDatabase.CreateAsync();
        var id = await database.AddAccountAsync("jan@example.com", Hash);

        var decisions = await AllAtOnce.RunAsync(20, () => database.Accounts.BeginAttemptAsync(id));

        Assert.Equal(LockoutPolicy.MaxFailures, decisions.Count(d => d.Allowed));
        var account = await database.Accounts.GetAsync(id);
        var now = database.Clock.GetUtcNow();
        Assert.Equal(new LockoutState(5, now.AddMinutes(15).ToUnixTimeSeconds(), now.ToUnixTimeSeconds()), account!.Lockout);
    }

    [Fact]
    public async Task AfterFirstFactorTakesBackOneAttempt()
    {
        using var database = await TestDatabase.CreateAsync();
        var id = await database.AddAccountAsync("jan@example.com", Hash);
        await database.Accounts.BeginAttemptAsync(id);
        await database.Accounts.BeginAttemptAsync(id);

        var state = await database.Accounts.AfterFirstFactorAsync(id);

        Assert.Equal(new LockoutState(1, null, database.Clock.GetUtcNow().ToUnixTimeSeconds()), state);
        Assert.Equal(state, (await database.Accounts.GetAsync(id))!.Lockout);
    }

    [Fact]
    public async Task ResetFailuresClearsCountAndLock()
    {
        using var database = await TestDatabase.CreateAsync();
        var id = await database.AddAccountAsync("jan@example.com", Hash);
        for (var i = 0; i < LockoutPolicy.MaxFailures; i++)
        {
            await database.Accounts.BeginAttemptAsync(id);
        }

        await database.Accounts.ResetFailuresAsync(id);

        Assert.Equal(new LockoutState(0, null), (await database.Accounts.GetAsync(id))!.Lockout);
        Assert.True((await database.Accounts.BeginAttemptAsync(id)).Allowed);
    }

    [Fact]
    public async Task ChangingTheSecurityStampGivesANewOne()
    {
        using var database = await TestDatabase.CreateAsync();
        var id = await database.AddAccountAsync("jan@example.com", Hash);
        var before = (await database.Accounts.GetAsync(id))!.SecurityStamp;

        await database.Accounts.ChangeSecurityStampAsync(id);

        Assert.NotEqual(before, (await database.Accounts.GetAsync(id))!.SecurityStamp);
    }
}
