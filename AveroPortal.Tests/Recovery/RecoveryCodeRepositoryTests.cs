using AveroPortal.Core.Data;
using AveroPortal.Core.Factors;
using AveroPortal.Core.Recovery;
using Dapper;

namespace AveroPortal.Tests.Recovery;

/// <summary>
/// The set of one account, on SQLite and on PostgreSQL: single use is the database's, a new set replaces the old one,
/// and only hashes are stored.
/// </summary>
public abstract class RecoveryCodeRepositoryTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await CreateDatabaseAsync();

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }

    private protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private async Task<FactorVerdict> UseAsync(long accountId, string typed) =>
        await (await _db.RecoveryCodes.FactorAsync(accountId, RecoveryCodes.Normalize(typed)!)).VerifyAsync();

    [Fact]
    public async Task ACodeWorksOnceAndThenCountsAsWrong()
    {
        var account = await _db.AddAccountAsync("een@example.com");
        var codes = await _db.RecoveryCodes.IssueAsync(account);

        var first = await UseAsync(account, codes[3]);
        var second = await UseAsync(account, codes[3]);

        Assert.Equal(FactorVerdict.Right, first);
        Assert.Equal(FactorVerdict.Wrong, second);
        Assert.Equal(9, await _db.RecoveryCodes.CountUnusedAsync(account));
    }

    [Fact]
    public async Task ARegeneratedSetInvalidatesEveryOldCode()
    {
        var account = await _db.AddAccountAsync("twee@example.com");
        var old = await _db.RecoveryCodes.IssueAsync(account);
        await UseAsync(account, old[0]);

        var fresh = await _db.RecoveryCodes.IssueAsync(account);

        Assert.Equal(10, await _db.RecoveryCodes.CountUnusedAsync(account));
        Assert.Equal(FactorVerdict.Wrong, await UseAsync(account, old[1]));
        Assert.Equal(FactorVerdict.Right, await UseAsync(account, fresh[1]));
    }

    [Fact]
    public async Task ACodeOfAnotherAccountIsWrong()
    {
        var owner = await _db.AddAccountAsync("eigenaar@example.com");
        var other = await _db.AddAccountAsync("ander@example.com");
        var codes = await _db.RecoveryCodes.IssueAsync(owner);
        await _db.RecoveryCodes.IssueAsync(other);

        Assert.Equal(FactorVerdict.Wrong, await UseAsync(other, codes[0]));
        Assert.Equal(10, await _db.RecoveryCodes.CountUnusedAsync(owner));
    }

    [Fact]
    public async Task TwoParallelUsesOfOneCodeLetExactlyOneSucceed()
    {
        var account = await _db.AddAccountAsync("parallel@example.com");
        var codes = await _db.RecoveryCodes.IssueAsync(account);
        var factors = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _db.RecoveryCodes.FactorAsync(account, RecoveryCodes.Normalize(codes[0])!)));
        var next = -1;

        var verdicts = await AllAtOnce.RunAsync(20, () => factors[Interlocked.Increment(ref next)].VerifyAsync());

        Assert.Equal(1, verdicts.Count(v => v == FactorVerdict.Right));
        Assert.Equal(9, await _db.RecoveryCodes.CountUnusedAsync(account));
    }

    [Fact]
    public async Task OnlyKeyedHashesAreStoredNeverTheCodes()
    {
        var account = await _db.AddAccountAsync("opslag@example.com");
        var codes = await _db.RecoveryCodes.IssueAsync(account);

        await using var connection = await _db.Db.OpenAsync();
        var stored = (await connection.QueryAsync<string>("SELECT code_hash FROM recovery_codes WHERE account_id = @A", new { A = account })).AsList();

        Assert.Equal(10, stored.Count);
        var plain = codes.Select(code => RecoveryCodes.Normalize(code)!).ToList();
        Assert.All(stored, hash => Assert.DoesNotContain(hash, plain.Concat(codes)));
        Assert.All(stored, hash => Assert.Matches("^[0-9A-F]{64}$", hash));
    }

    public sealed class OnSqlite : RecoveryCodeRepositoryTests
    {
        private protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync();
    }

    public sealed class OnPostgreSql(PostgresFixture postgres) : RecoveryCodeRepositoryTests, IClassFixture<PostgresFixture>
    {
        private protected override async Task<TestDatabase> CreateDatabaseAsync() =>
            await TestDatabase.CreateAsync(DatabaseOptions.ForPostgreSql(await postgres.Server.CreateDatabaseAsync()));
    }
}
