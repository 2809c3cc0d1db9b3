using AveroPortal.Core.Data;
using AveroPortal.Core.Freeze;

namespace AveroPortal.Tests.Freeze;

/// <summary>The freeze link's single use and the freeze transaction on PostgreSQL (row locks instead of SQLite's write lock).</summary>
public sealed class AccountFreezePostgreSqlTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private async Task<TestDatabase> DatabaseAsync() =>
        await TestDatabase.CreateAsync(DatabaseOptions.ForPostgreSql(await postgres.Server.CreateDatabaseAsync()));

    [Fact]
    public async Task OfParallelUsesOfOneLinkExactlyOneFreezes()
    {
        using var db = await DatabaseAsync();
        var accountId = await db.AddAccountAsync("pg-tegelijk@example.com");
        var session = await db.Sessions.CreateAsync(accountId, "password+totp", null, null);
        var token = new Uri((await db.FreezeLinks.CreateAsync(accountId, FreezeReasons.PasswordChanged)).Url).QueryValue("token")!;
        Assert.True(await db.FreezeLinks.IsUsableAsync(token));

        var outcomes = await AllAtOnce.RunAsync(8, () => db.Freeze.FreezeAsync(token, null));

        Assert.Single(outcomes, o => o == FreezeOutcome.Frozen);
        Assert.Equal(7, outcomes.Count(o => o == FreezeOutcome.LinkNotValid));
        Assert.True((await db.Accounts.GetAsync(accountId))!.IsFrozen);
        Assert.False(db.Sessions.IsLive((await db.Sessions.GetAsync(session))!));
        Assert.Single(await new Core.Support.SupportAuditRepository(db.Db, db.Clock).ForAccountAsync(accountId));
        Assert.Single(await db.Accounts.ListFrozenAsync(), a => a.Id == accountId);
        Assert.True(await db.Accounts.UnfreezeAsync(accountId));
        Assert.False(await db.Accounts.UnfreezeAsync(accountId));
    }
}
