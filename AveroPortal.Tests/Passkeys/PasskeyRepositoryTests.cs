using AveroPortal.Core.Data;
using AveroPortal.Core.Login;
using AveroPortal.Core.Passkeys;
using Dapper;
using static AveroPortal.Tests.Passkeys.PasskeyTestBed;

namespace AveroPortal.Tests.Passkeys;

/// <summary>
/// The passkey tables on SQLite and on PostgreSQL (the shared database of a scale-out): challenges are used once even
/// in parallel, the counter only moves forward, a credential id is registered once, and only hashes of ids are stored.
/// </summary>
public abstract class PasskeyRepositoryTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await CreateDatabaseAsync();

    public Task DisposeAsync()
    {
        _db.Dispose();
        return Task.CompletedTask;
    }

    private protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task RegistrationAndPasswordlessLoginWork()
    {
        var (account, key, _) = await RegisteredAsync(_db, "beide@example.com");

        var result = await PasswordlessAsync(_db, key);

        Assert.Equal(PasskeyLoginOutcome.Accepted, result.Outcome);
        Assert.Equal(account.Id, result.Account!.Id);
    }

    [Fact]
    public async Task ParallelUsesOfOneChallengeLetExactlyOneThrough()
    {
        var begin = await _db.Passkeys.BeginPasswordlessAsync(Portals.Private, Browser);

        var results = await AllAtOnce.RunAsync(12, () => _db.PasskeyChallenges.TryConsumeAsync(begin.ChallengeId, "passwordless", null, Browser));

        Assert.Single(results, r => r is not null);
        Assert.Equal(begin.OptionsJson, results.Single(r => r is not null));
    }

    [Fact]
    public async Task AChallengeIsBoundToItsPurposeAndAccount()
    {
        var account = await AccountAsync(_db, "doel@example.com");
        var begin = await _db.Passkeys.BeginRegistrationAsync(account, Browser);

        Assert.Null(await _db.PasskeyChallenges.TryConsumeAsync(begin.ChallengeId, "passwordless", null, Browser));
        Assert.Null(await _db.PasskeyChallenges.TryConsumeAsync(begin.ChallengeId, "register", null, Browser));
        Assert.Null(await _db.PasskeyChallenges.TryConsumeAsync(begin.ChallengeId, "register", account.Id + 1, Browser));
        Assert.NotNull(await _db.PasskeyChallenges.TryConsumeAsync(begin.ChallengeId, "register", account.Id, Browser));
    }

    [Fact]
    public async Task TheCounterOnlyMovesForward()
    {
        var (account, _, id) = await RegisteredAsync(_db, "teller@example.com");

        Assert.True(await _db.PasskeyCredentials.TryRecordUseAsync(id, 10));
        Assert.False(await _db.PasskeyCredentials.TryRecordUseAsync(id, 9));
        Assert.False(await _db.PasskeyCredentials.TryRecordUseAsync(id, 10));
        Assert.Equal(10, Assert.Single(await _db.PasskeyCredentials.ListAsync(account.Id)).SignCount);
    }

    [Fact]
    public async Task AFlaggedPasskeyRecordsNoUse()
    {
        var (account, _, id) = await RegisteredAsync(_db, "vlag@example.com");
        await _db.PasskeyCredentials.MarkCounterRegressedAsync(id);

        Assert.False(await _db.PasskeyCredentials.TryRecordUseAsync(id, 100));
        Assert.True((await _db.PasskeySettings.ListAsync(account.Id)).Single().CounterRegressed);
    }

    [Fact]
    public async Task ACredentialIdIsStoredOnce()
    {
        var first = await AccountAsync(_db, "eerste@example.com");
        var second = await AccountAsync(_db, "tweede@example.com");
        var credential = new NewPasskeyCredential(first.Id, "Y3JlZGVudGlhbC1pZC12YW4tdGVzdA", "aGFuZGxl", "a2V5", 0, null, Guid.Empty.ToString(), "Een");

        Assert.NotNull(await _db.PasskeyCredentials.TryAddAsync(credential));
        Assert.Null(await _db.PasskeyCredentials.TryAddAsync(credential with { AccountId = second.Id }));
        Assert.Empty(await _db.PasskeyCredentials.ListAsync(second.Id));
    }

    [Fact]
    public async Task RenameAndRemoveTouchOnlyTheAccountsOwnPasskey()
    {
        var (owner, _, id) = await RegisteredAsync(_db, "eigen@example.com");
        var other = await AccountAsync(_db, "vreemd@example.com");

        Assert.Equal(PasskeyChangeOutcome.NotFound, await _db.PasskeySettings.RenameAsync(other, id, "Overgenomen", Client));
        Assert.Equal(PasskeyChangeOutcome.NotFound, await _db.PasskeySettings.RemoveAsync(other, id, Client));
        Assert.Equal(PasskeyChangeOutcome.Done, await _db.PasskeySettings.RenameAsync(owner, id, "  Laptop  ", Client));

        Assert.Equal("Laptop", Assert.Single(await _db.PasskeySettings.ListAsync(owner.Id)).Name);
        Assert.Equal(PasskeyChangeOutcome.Done, await _db.PasskeySettings.RemoveAsync(owner, id, Client));
        Assert.Equal(PasskeyChangeOutcome.NotFound, await _db.PasskeySettings.RemoveAsync(owner, id, Client));
        Assert.False(await _db.PasskeySettings.HasAnyAsync(owner.Id));
    }

    [Fact]
    public async Task OnlyHashesOfChallengeIdsAndBrowserKeysAreStored()
    {
        var begin = await _db.Passkeys.BeginPasswordlessAsync(Portals.Private, Browser);

        await using var connection = await _db.Db.OpenAsync();
        var row = await connection.QuerySingleAsync<(string IdHash, string BrowserHash)>("SELECT id_hash, browser_hash FROM passkey_challenges");

        Assert.Matches("^[0-9A-F]{64}$", row.IdHash);
        Assert.Matches("^[0-9A-F]{64}$", row.BrowserHash);
        Assert.NotEqual(begin.ChallengeId, row.IdHash);
    }

    public sealed class OnSqlite : PasskeyRepositoryTests
    {
        private protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync();
    }

    public sealed class OnPostgreSql(PostgresFixture postgres) : PasskeyRepositoryTests, IClassFixture<PostgresFixture>
    {
        private protected override async Task<TestDatabase> CreateDatabaseAsync() =>
            await TestDatabase.CreateAsync(DatabaseOptions.ForPostgreSql(await postgres.Server.CreateDatabaseAsync()));
    }
}
