using AveroPortal.Core.Data;
using AveroPortal.Core.Login;
using AveroPortal.Core.PasswordReset;
using Dapper;

namespace AveroPortal.Tests.PasswordReset;

/// <summary>The reset link's SQL on SQLite and on PostgreSQL: only the hash stored, expiry, and single use under parallel load.</summary>
public abstract class PasswordResetRepositoryTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private PasswordResetRepository _resets = null!;

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _resets = new PasswordResetRepository(_database.Db, _database.Clock);
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    private protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private async Task<(long Id, string Token)> IssueAsync(string email)
    {
        var id = await _database.AddAccountAsync(email);
        var account = (await _database.Accounts.GetAsync(id))!;
        return (id, await _resets.IssueAsync(id, account.SecurityStamp));
    }

    [Fact]
    public async Task OnlyTheHashOfTheTokenIsStored()
    {
        var (_, token) = await IssueAsync("hash@example.com");

        await using var connection = await _database.Db.OpenAsync();
        var stored = (await connection.QueryAsync<string>("SELECT token_hash FROM password_resets")).Single();
        Assert.Equal(PasswordResetTokens.Hash(token), stored);
        Assert.NotEqual(token, stored);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM password_resets WHERE token_hash LIKE @T", new { T = "%" + token + "%" }));
    }

    [Fact]
    public async Task ALinkExpiresAfterThirtyMinutes()
    {
        var (id, token) = await IssueAsync("verlopen@example.com");
        _database.Clock.Advance(PasswordResetTokens.Lifetime);

        Assert.False(await _resets.TryCompleteAsync(token, id, TestPasswords.RightHash, "STAMP"));
        Assert.False(await _resets.TryPassFactorAsync(token, id));
    }

    [Fact]
    public async Task ALinkJustBeforeItsEndStillWorksOnce()
    {
        var (id, token) = await IssueAsync("op-tijd@example.com");
        _database.Clock.Advance(PasswordResetTokens.Lifetime - TimeSpan.FromSeconds(1));

        Assert.True(await _resets.TryCompleteAsync(token, id, TestPasswords.RightHash, "STAMP"));
        Assert.False(await _resets.TryCompleteAsync(token, id, TestPasswords.RightHash, "STAMP2"));
    }

    [Fact]
    public async Task OfParallelUsesOfOneLinkExactlyOneSetsThePassword()
    {
        var (id, token) = await IssueAsync("parallel@example.com");

        var results = await AllAtOnce.RunAsync(12, () => _resets.TryCompleteAsync(token, id, TestPasswords.RightHash, Guid.NewGuid().ToString("N")));

        Assert.Equal(1, results.Count(won => won));
        Assert.Equal(TestPasswords.RightHash, (await _database.Accounts.GetAsync(id))!.PasswordHash);
    }

    [Fact]
    public async Task OfParallelFactorStepsOnOneLinkExactlyOneCounts()
    {
        var (id, token) = await IssueAsync("factor@example.com");

        var results = await AllAtOnce.RunAsync(12, () => _resets.TryPassFactorAsync(token, id));

        Assert.Equal(1, results.Count(won => won));
    }

    [Fact]
    public async Task AnEnrolledAccountsLinkCanNotSetAPasswordBeforeTheFactor()
    {
        var (id, token) = await IssueAsync("enrolled@example.com");
        await _database.Authenticators.GetOrCreatePendingAsync(id, () => _database.Secrets.Protect(TotpPolicy.NewSecret()));
        await _database.Authenticators.TryConfirmAsync(id, 1);

        Assert.False(await _resets.TryCompleteAsync(token, id, TestPasswords.RightHash, "STAMP"));
        Assert.True(await _resets.TryPassFactorAsync(token, id));
        Assert.True(await _resets.TryCompleteAsync(token, id, TestPasswords.RightHash, "STAMP"));
    }

    [Fact]
    public async Task CompletingEndsEverySessionAndPendingLoginAndChangesTheStamp()
    {
        var (id, token) = await IssueAsync("sessies@example.com");
        var before = (await _database.Accounts.GetAsync(id))!;
        var session = await _database.Sessions.CreateAsync(id, LoginMethods.PasswordAndAuthenticator, "192.0.2.1", "xunit");
        var pending = await _database.PendingLogins.StartAsync(before, null);

        Assert.True(await _resets.TryCompleteAsync(token, id, TestPasswords.RightHash, "NIEUWESTEMPEL"));

        Assert.NotNull((await _database.Sessions.GetAsync(session))!.EndedAt);
        Assert.Null(await _database.PendingLogins.FindAsync(pending));
        Assert.Equal("NIEUWESTEMPEL", (await _database.Accounts.GetAsync(id))!.SecurityStamp);
    }

    [Fact]
    public async Task AStampChangeAfterTheRequestEndsTheLink()
    {
        var (id, token) = await IssueAsync("stempel@example.com");
        await _database.Accounts.ChangeSecurityStampAsync(id);

        Assert.False(await _resets.TryPassFactorAsync(token, id));
        Assert.False(await _resets.TryCompleteAsync(token, id, TestPasswords.RightHash, "STAMP"));
    }

    [Fact]
    public async Task ARowWithoutAnAccountNeverOpensAnything()
    {
        var token = await _resets.IssueAsync(null, null);
        var someone = await _database.AddAccountAsync("iemand@example.com");

        Assert.False(await _resets.TryPassFactorAsync(token, someone));
        Assert.False(await _resets.TryCompleteAsync(token, someone, TestPasswords.RightHash, "STAMP"));
    }

    [Fact]
    public async Task FindReadsWhatTheLinkIsWorth()
    {
        var (id, token) = await IssueAsync("lezen@example.com");
        var orphan = await _resets.IssueAsync(null, null);

        var open = await _resets.FindAsync(token);
        Assert.Equal(new OpenReset(id, _database.Clock.GetUtcNow().Add(PasswordResetTokens.Lifetime).ToUnixTimeSeconds(), null, null,
            StampMatches: true, AccountDisabled: false, Enrolled: false), open);
        Assert.Null((await _resets.FindAsync(orphan))!.AccountId);
        Assert.Null(await _resets.FindAsync(PasswordResetTokens.NewToken()));

        await _database.Authenticators.GetOrCreatePendingAsync(id, () => _database.Secrets.Protect(TotpPolicy.NewSecret()));
        await _database.Authenticators.TryConfirmAsync(id, 1);
        await _resets.TryPassFactorAsync(token, id);
        await _database.Accounts.DisableAsync(id);
        var changed = (await _resets.FindAsync(token))!;
        Assert.True(changed is { Enrolled: true, AccountDisabled: true, StampMatches: false, FactorPassedAt: not null });
    }

    [Fact]
    public async Task ParallelRequestsOnOneAddressAreCountedOneByOneAndTheWindowStartsAgainAfterAnHour()
    {
        var counts = await AllAtOnce.RunAsync(10, () => _resets.CountRequestAsync("ADDRESS", ResetAddressLimit.Window));

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), counts.Order());
        _database.Clock.Advance(ResetAddressLimit.Window);
        Assert.Equal(1, await _resets.CountRequestAsync("ADDRESS", ResetAddressLimit.Window));
        Assert.Equal(2, await _resets.CountRequestAsync("ADDRESS", ResetAddressLimit.Window));
    }

    public sealed class OnSqlite : PasswordResetRepositoryTests
    {
        private protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync();
    }

    public sealed class OnPostgreSql(PostgresFixture postgres) : PasswordResetRepositoryTests, IClassFixture<PostgresFixture>
    {
        private protected override async Task<TestDatabase> CreateDatabaseAsync() =>
            await TestDatabase.CreateAsync(DatabaseOptions.ForPostgreSql(await postgres.Server.CreateDatabaseAsync()));
    }
}
