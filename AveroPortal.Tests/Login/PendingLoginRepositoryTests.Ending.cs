using AveroPortal.Core.Login;

namespace AveroPortal.Tests.Login;

// What ends pending logins: a newer password step, a stamp change, disabling, expiry, an explicit end.
public abstract partial class PendingLoginFacts
{
    [Fact]
    public async Task NewPasswordStepEndsTheOlderPendingLoginsOfThatAccountOnly()
    {
        using var database = await DatabaseAsync();
        var (accountId, secret) = await EnrolledAccountAsync(database, "nieuwer@example.com");
        var otherId = await database.AddAccountAsync("ander@example.com");
        var older = await StartAsync(database, accountId);
        var other = await StartAsync(database, otherId);

        var newer = await StartAsync(database, accountId);

        Assert.Null(await database.PendingLogins.FindAsync(older));
        Assert.Equal(CodeStepOutcome.Expired, (await database.Login.CompleteCodeStepAsync(older, Code(database, secret), Client)).Outcome);
        Assert.NotNull(await database.PendingLogins.FindAsync(other));
        Assert.Equal(CodeStepOutcome.Accepted, (await database.Login.CompleteCodeStepAsync(newer, Code(database, secret), Client)).Outcome);
    }

    [Fact]
    public async Task SecurityStampChangeEndsThePendingLogin()
    {
        using var database = await DatabaseAsync();
        var (accountId, secret) = await EnrolledAccountAsync(database, "stempel@example.com");
        var id = await StartAsync(database, accountId);

        // For example the Supportdesk's unlink, or any future action that changes the stamp.
        await database.Accounts.ChangeSecurityStampAsync(accountId);

        Assert.Null(await database.PendingLogins.FindAsync(id));
        Assert.False(await database.PendingLogins.TryConsumeAsync(id, accountId));
        Assert.Equal(CodeStepOutcome.Expired, (await database.Login.CompleteCodeStepAsync(id, Code(database, secret), Client)).Outcome);
    }

    [Fact]
    public async Task DisablingTheAccountEndsThePendingLogin()
    {
        using var database = await DatabaseAsync();
        var accountId = await database.AddAccountAsync("uit@example.com");
        var id = await StartAsync(database, accountId);

        await database.Accounts.DisableAsync(accountId);

        Assert.Null(await database.PendingLogins.FindAsync(id));
        Assert.False(await database.PendingLogins.TryConsumeAsync(id, accountId));
    }

    [Fact]
    public async Task PendingLoginExpiresAfterFiveMinutes()
    {
        using var database = await DatabaseAsync();
        var (accountId, secret) = await EnrolledAccountAsync(database, "traag@example.com");
        var id = await StartAsync(database, accountId);
        database.Clock.Advance(PendingLoginRepository.Lifetime - TimeSpan.FromSeconds(1));
        Assert.NotNull(await database.PendingLogins.FindAsync(id));

        database.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(await database.PendingLogins.FindAsync(id));
        Assert.False(await database.PendingLogins.TryConsumeAsync(id, accountId));
        Assert.Equal(CodeStepOutcome.Expired, (await database.Login.CompleteCodeStepAsync(id, Code(database, secret), Client)).Outcome);
    }

    [Fact]
    public async Task EndForAccountEndsEveryPendingLoginOfThatAccountOnly()
    {
        using var database = await DatabaseAsync();
        var accountId = await database.AddAccountAsync("einde@example.com");
        var otherId = await database.AddAccountAsync("blijft@example.com");
        var id = await StartAsync(database, accountId);
        var other = await StartAsync(database, otherId);

        Assert.Equal(1, await database.PendingLogins.EndForAccountAsync(accountId));

        Assert.Null(await database.PendingLogins.FindAsync(id));
        Assert.NotNull(await database.PendingLogins.FindAsync(other));
    }

    [Fact]
    public async Task ProgressWithoutAnAccountIsUsedUpExactlyOnceAndEndsOnRequest()
    {
        using var database = await DatabaseAsync();
        var id = await database.PendingLogins.StartWithoutAccountAsync(PendingPurposes.Idin, Portals.Private);
        var ended = await database.PendingLogins.StartWithoutAccountAsync(PendingPurposes.Idin, Portals.Private);
        Assert.True(await database.PendingLogins.IsOpenWithoutAccountAsync(id, PendingPurposes.Idin));
        Assert.Null(await database.PendingLogins.FindAsync(id));

        await WarmUpAsync(database, 20);
        var results = await AllAtOnce.RunAsync(20, () => database.PendingLogins.TryConsumeWithoutAccountAsync(id, PendingPurposes.Idin));
        await database.PendingLogins.EndAsync(ended);

        Assert.Single(results, r => r);
        Assert.False(await database.PendingLogins.IsOpenWithoutAccountAsync(id, PendingPurposes.Idin));
        Assert.False(await database.PendingLogins.IsOpenWithoutAccountAsync(ended, PendingPurposes.Idin));
        Assert.Equal(0, await RowsAsync(database));
    }

    [Fact]
    public async Task ProgressWithoutAnAccountExpiresAfterFiveMinutes()
    {
        using var database = await DatabaseAsync();
        var id = await database.PendingLogins.StartWithoutAccountAsync(PendingPurposes.Idin, Portals.Private);

        database.Clock.Advance(PendingLoginRepository.Lifetime);

        Assert.False(await database.PendingLogins.IsOpenWithoutAccountAsync(id, PendingPurposes.Idin));
        Assert.False(await database.PendingLogins.TryConsumeWithoutAccountAsync(id, PendingPurposes.Idin));
    }
}
