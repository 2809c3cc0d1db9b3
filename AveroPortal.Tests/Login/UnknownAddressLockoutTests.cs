using System.Security.Cryptography;
using System.Text;
using AveroPortal.Core.Data;
using AveroPortal.Core.Login;
using Dapper;

namespace AveroPortal.Tests.Login;

/// <summary>
/// <see cref="UnknownAddressAttempts"/> under <see cref="PasswordLogin"/>: an address without an account locks, answers
/// and forgets exactly like one with an account, on SQLite and on PostgreSQL.
/// </summary>
public abstract class UnknownAddressLockoutTests : IAsyncLifetime
{
    private const string Known = "jan.devries@example.com";
    private const string Unknown = "niemand@example.com";
    private static readonly ClientInfo Client = ClientInfo.Of("192.0.2.1", "xunit");

    private TestDatabase _database = null!;

    private ManualClock Clock => _database.Clock;

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        await _database.AddAccountAsync(Known);
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    private protected abstract Task<TestDatabase> CreateDatabaseAsync();

    private Task<PasswordStepResult> WrongAsync(string email, string portal = Portals.Private) =>
        _database.Login.CheckPasswordAsync(portal, email, TestPasswords.Wrong, Client);

    private async Task<List<PasswordStepResult>> WrongTimesAsync(string email, int times, string portal = Portals.Private)
    {
        var results = new List<PasswordStepResult>();
        for (var i = 0; i < times; i++)
        {
            results.Add(await WrongAsync(email, portal));
        }

        return results;
    }

    [Fact]
    public async Task UnknownAddressLocksLikeAKnownOneSoLockoutRevealsNothing()
    {
        var known = await WrongTimesAsync(Known, 7);
        var unknown = await WrongTimesAsync(Unknown, 7);

        // The same answers, the same lock end, attempt for attempt.
        Assert.Equal(known, unknown);
        Assert.All(known.Take(4), r => Assert.Equal(PasswordStepOutcome.InvalidCredentials, r.Outcome));
        Assert.All(known.Skip(4), r => Assert.Equal(new PasswordStepResult(PasswordStepOutcome.LockedOut, LockedUntil: Clock.GetUtcNow().Add(LockoutPolicy.Duration)), r));

        // And both open again at the same moment, with a fresh count.
        Clock.Advance(LockoutPolicy.Duration);
        Assert.Equal(await WrongTimesAsync(Known, 5), await WrongTimesAsync(Unknown, 5));
    }

    [Fact]
    public async Task AnUnknownAddressAnswersTheSameInAnyCaseAndWithSpaces()
    {
        await WrongTimesAsync(Unknown, 4);

        var fifth = await WrongAsync("  NIEMAND@Example.com ");

        Assert.Equal(PasswordStepOutcome.LockedOut, fifth.Outcome);
    }

    [Fact]
    public async Task FourFailuresThatGoQuietAreForgottenForKnownAndUnknownAlike()
    {
        await WrongTimesAsync(Known, 4);
        await WrongTimesAsync(Unknown, 4);
        Clock.Advance(LockoutPolicy.FailureWindow);

        // The unknown address's row may even be gone by now (the cleanup deletes it): both answer as if fresh.
        Assert.Equal(1, await DeleteForgottenCountersAsync());
        var known = await WrongTimesAsync(Known, 5);
        Assert.Equal(known, await WrongTimesAsync(Unknown, 5));
        Assert.Equal(LockoutPolicy.MaxFailures - 1, known.Count(r => r.Outcome == PasswordStepOutcome.InvalidCredentials));
    }

    [Fact]
    public async Task ParallelGuessesOnAnUnknownAddressStopAtFive()
    {
        var decisions = await AllAtOnce.RunAsync(20, () => _database.UnknownAddresses.BeginAttemptAsync(Portals.Private, Unknown));

        Assert.Equal(LockoutPolicy.MaxFailures, decisions.Count(d => d.Allowed));
        Assert.Equal(1, decisions.Count(d => d.Allowed && d.Next.LockoutEnd is not null));
    }

    [Fact]
    public async Task TenParallelWrongPasswordsOnAnUnknownAddressAnswerLikeOnAKnownOne()
    {
        var known = await AllAtOnce.RunAsync(10, () => WrongAsync(Known));
        var unknown = await AllAtOnce.RunAsync(10, () => WrongAsync(Unknown));

        Assert.Equal(LockoutPolicy.MaxFailures - 1, known.Count(r => r.Outcome == PasswordStepOutcome.InvalidCredentials));
        Assert.Equal(LockoutPolicy.MaxFailures - 1, unknown.Count(r => r.Outcome == PasswordStepOutcome.InvalidCredentials));
        Assert.All(unknown.Where(r => r.Outcome != PasswordStepOutcome.InvalidCredentials), r => Assert.Equal(PasswordStepOutcome.LockedOut, r.Outcome));
    }

    [Fact]
    public async Task ADisabledAccountAndAnAccountOfTheOtherRealmLockLikeUnknownAddresses()
    {
        var disabled = await _database.AddAccountAsync("weg@example.com");
        await _database.Accounts.DisableAsync(disabled);
        await _database.Accounts.CreateAsync(new NewAccount(Portals.Staff, "agent@averoachmea.example.com", "Agent", TestPasswords.RightHash, null, null, StaffRoles.SupportAgent));

        var reference = await WrongTimesAsync(Unknown, 6);

        Assert.Equal(reference, await WrongTimesAsync("weg@example.com", 6));
        Assert.Equal(reference, await WrongTimesAsync("agent@averoachmea.example.com", 6, Portals.Business));
        Assert.Equal(reference, await WrongTimesAsync(Known, 6, Portals.Staff));
    }

    [Fact]
    public async Task TheStaffLoginCountsApartFromTheCustomerPortalsAsAccountsDo()
    {
        // A customer's account counts at both customer portals, not at the staff login (there it is unknown); an
        // unknown address must behave the same, or five tries at one place and one at the other would tell them apart.
        await WrongTimesAsync(Known, 3, Portals.Private);
        await WrongTimesAsync(Unknown, 3, Portals.Private);
        await WrongTimesAsync(Known, 4, Portals.Staff);
        await WrongTimesAsync(Unknown, 4, Portals.Staff);

        Assert.Equal(await WrongTimesAsync(Known, 2, Portals.Business), await WrongTimesAsync(Unknown, 2, Portals.Business));
        Assert.Equal(PasswordStepOutcome.LockedOut, (await WrongAsync(Unknown, Portals.Business)).Outcome);
        Assert.Equal(PasswordStepOutcome.LockedOut, (await WrongAsync(Unknown, Portals.Staff)).Outcome);
    }

    [Fact]
    public async Task TheTableHoldsAKeyedHashNeverTheAddress()
    {
        await WrongAsync(Unknown);

        await using var connection = await _database.Db.OpenAsync();
        var stored = Assert.Single(await connection.QueryAsync<string>("SELECT address_hash FROM unknown_address_attempts"));
        var keyStored = Assert.Single(await connection.QueryAsync<string>("SELECT key_protected FROM protected_keys"));
        Assert.DoesNotContain("niemand", stored, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("^[0-9A-F]{64}$", stored);
        // Not a plain hash anyone can recompute from a list of addresses.
        Assert.NotEqual(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("customer\n" + Unknown))), stored);
        Assert.NotEqual(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Unknown))), stored);
        // The key is in the database only as Data Protection ciphertext.
        Assert.NotEqual(32, Convert.FromBase64String(keyStored).Length);
    }

    [Fact]
    public async Task InstancesSharingTheKeyRingCountOneAddressTogether()
    {
        var second = new UnknownAddressAttempts(_database.Db, new LockoutPolicy(),
            new ProtectedKeys(_database.Db, _database.DataProtection, Clock), Clock);

        await Task.WhenAll(
            AllAtOnce.RunAsync(3, () => _database.UnknownAddresses.BeginAttemptAsync(Portals.Private, Unknown)),
            AllAtOnce.RunAsync(3, () => second.BeginAttemptAsync(Portals.Private, Unknown)));

        Assert.Equal(await _database.UnknownAddresses.HashAsync(Portals.Private, Unknown), await second.HashAsync(Portals.Private, Unknown));
        Assert.False((await second.BeginAttemptAsync(Portals.Private, Unknown)).Allowed);
    }

    [Fact]
    public async Task ALostKeyRingGetsANewKeyInsteadOfBreakingTheLogin()
    {
        await WrongAsync(Unknown);
        var other = new UnknownAddressAttempts(_database.Db, new LockoutPolicy(),
            new ProtectedKeys(_database.Db, new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider(), Clock), Clock);

        var decision = await other.BeginAttemptAsync(Portals.Private, Unknown);

        Assert.True(decision.Allowed);
        Assert.Equal(1, decision.Next.FailedCount);
    }

    [Fact]
    public async Task TheRowExpiresWhenItsStateIsForgotten()
    {
        await WrongTimesAsync(Unknown, 5);

        await using var connection = await _database.Db.OpenAsync();
        var expiresAt = await connection.ExecuteScalarAsync<long>("SELECT expires_at FROM unknown_address_attempts");
        Assert.Equal(Clock.GetUtcNow().Add(LockoutPolicy.Duration).ToUnixTimeSeconds(), expiresAt);
    }

    private async Task<int> DeleteForgottenCountersAsync()
    {
        await using var connection = await _database.Db.OpenAsync();
        return await connection.ExecuteAsync("DELETE FROM unknown_address_attempts WHERE expires_at <= @Now", new { Now = Clock.GetUtcNow().ToUnixTimeSeconds() });
    }

    public sealed class OnSqlite : UnknownAddressLockoutTests
    {
        private protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync();
    }

    public sealed class OnPostgreSql(PostgresFixture postgres) : UnknownAddressLockoutTests, IClassFixture<PostgresFixture>
    {
        private protected override async Task<TestDatabase> CreateDatabaseAsync() =>
            await TestDatabase.CreateAsync(DatabaseOptions.ForPostgreSql(await postgres.Server.CreateDatabaseAsync()));
    }
}
