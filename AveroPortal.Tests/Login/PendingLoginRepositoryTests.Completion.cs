using System.Security.Cryptography;
using System.Text;
using AveroPortal.Core.Login;
using Dapper;
using OtpNet;

namespace AveroPortal.Tests.Login;

// Storing a pending login and using it up exactly once.
public abstract partial class PendingLoginFacts
{
    [Fact]
    public async Task OnlyTheSha256OfARandom256BitIdIsStoredWithAccountStampAndReturnUrlForFiveMinutes()
    {
        using var database = await DatabaseAsync();
        var accountId = await database.AddAccountAsync("hash@example.com");
        var account = (await database.Accounts.GetAsync(accountId))!;

        var first = await database.PendingLogins.StartAsync(account, "/mijn-overzicht?tab=2");
        var second = await database.PendingLogins.StartAsync(account, null);

        await using var connection = await database.Db.OpenAsync();
        var row = await connection.QuerySingleAsync<(string IdHash, long AccountId, string Portal, string SecurityStamp, long CreatedAt, long ExpiresAt)>(
            "SELECT id_hash, account_id, portal, security_stamp, created_at, expires_at FROM pending_logins");
        Assert.Equal(PendingLoginRepository.TokenLength, second.Length);
        Assert.Equal(32, Convert.FromBase64String(second.Replace('-', '+').Replace('_', '/') + "=").Length);
        Assert.NotEqual(first, second);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(second))), row.IdHash);
        Assert.DoesNotContain(second, row.IdHash, StringComparison.Ordinal);
        Assert.Equal((accountId, account.Portal, account.SecurityStamp), (row.AccountId, row.Portal, row.SecurityStamp));
        Assert.Equal(300, row.ExpiresAt - row.CreatedAt);
        Assert.True(PendingLoginRepository.Lifetime <= TimeSpan.FromMinutes(5));
        // The second password step ended the first: one row, the newer one.
        Assert.Null(await database.PendingLogins.FindAsync(first));
    }

    [Fact]
    public async Task PendingLoginKeepsTheCheckedReturnUrlOnTheServer()
    {
        using var database = await DatabaseAsync();
        var accountId = await database.AddAccountAsync("terug@example.com");

        var id = await StartAsync(database, accountId, "/instellingen");

        var pending = await database.PendingLogins.FindAsync(id);
        Assert.Equal(new PendingLogin(accountId, Portals.Private, (await database.Accounts.GetAsync(accountId))!.SecurityStamp, "/instellingen",
            database.Clock.GetUtcNow().Add(PendingLoginRepository.Lifetime).ToUnixTimeSeconds()), pending);
    }

    [Fact]
    public async Task ParallelConsumptionsOfOnePendingLoginLetExactlyOneThrough()
    {
        using var database = await DatabaseAsync();
        var accountId = await database.AddAccountAsync("parallel@example.com");
        var id = await StartAsync(database, accountId);
        await WarmUpAsync(database, 20);

        var results = await AllAtOnce.RunAsync(20, () => database.PendingLogins.TryConsumeAsync(id, accountId));

        Assert.Single(results, r => r);
        Assert.Null(await database.PendingLogins.FindAsync(id));
        Assert.Equal(0, await RowsAsync(database));
    }

    [Fact]
    public async Task ParallelCodeStepsOnOnePendingLoginSignInExactlyOnce()
    {
        using var database = await DatabaseAsync();
        var (accountId, secret) = await EnrolledAccountAsync(database, "twee-tabs@example.com");
        var id = await StartAsync(database, accountId);
        // Codes of the previous, current and next step: the TOTP step check alone would let an older step win first
        // and a newer one after it, so only the single-use pending login keeps this to one session.
        var codes = new[] { Code(database, secret, -1), Code(database, secret), Code(database, secret, 1) };
        var next = 0;
        await WarmUpAsync(database, 4);

        // Four: every attempt counts on the lockout before it is checked, and a fifth failure would lock the account.
        var results = await AllAtOnce.RunAsync(4, () => database.Login.CompleteCodeStepAsync(id, codes[Interlocked.Increment(ref next) % 3], Client));

        Assert.Single(results, r => r.Outcome == CodeStepOutcome.Accepted);
        Assert.All(results, r => Assert.Contains(r.Outcome, new[] { CodeStepOutcome.Accepted, CodeStepOutcome.InvalidCode, CodeStepOutcome.Expired }));
        Assert.Null(await database.PendingLogins.FindAsync(id));
    }

    [Fact]
    public async Task ConsumedPendingLoginSignsInNoMoreWithTheNextCode()
    {
        using var database = await DatabaseAsync();
        var (accountId, secret) = await EnrolledAccountAsync(database, "opnieuw@example.com");
        var id = await StartAsync(database, accountId);
        Assert.Equal(CodeStepOutcome.Accepted, (await database.Login.CompleteCodeStepAsync(id, Code(database, secret), Client)).Outcome);
        database.Clock.Advance(TimeSpan.FromSeconds(TotpPolicy.StepSeconds));

        var replayed = await database.Login.CompleteCodeStepAsync(id, Code(database, secret), Client);

        Assert.Equal(CodeStepOutcome.Expired, replayed.Outcome);
        Assert.Null(replayed.Account);
        // The next code was not even looked at: it still works for a real, new login.
        Assert.Equal(CodeStepOutcome.Accepted, (await database.Login.CompleteCodeStepAsync(await StartAsync(database, accountId), Code(database, secret), Client)).Outcome);
    }

    [Fact]
    public async Task WrongCodeDoesNotBurnThePendingLogin()
    {
        using var database = await DatabaseAsync();
        var (accountId, secret) = await EnrolledAccountAsync(database, "tikfout@example.com");
        var id = await StartAsync(database, accountId);
        var valid = Enumerable.Range(-1, 3).Select(s => Code(database, secret, s)).ToHashSet();
        var wrong = Enumerable.Range(0, 10).Select(i => new string((char)('0' + i), 6)).First(c => !valid.Contains(c));

        Assert.Equal(CodeStepOutcome.InvalidCode, (await database.Login.CompleteCodeStepAsync(id, wrong, Client)).Outcome);
        Assert.Equal(CodeStepOutcome.BadInput, (await database.Login.CompleteCodeStepAsync(id, "12a", Client)).Outcome);
        Assert.NotNull(await database.PendingLogins.FindAsync(id));

        Assert.Equal(CodeStepOutcome.Accepted, (await database.Login.CompleteCodeStepAsync(id, Code(database, secret), Client)).Outcome);
    }

    [Fact]
    public async Task EnrollmentConfirmationUsesThePendingLoginUpToo()
    {
        using var database = await DatabaseAsync();
        var accountId = await database.AddAccountAsync("koppelen@example.com");
        var id = await StartAsync(database, accountId);
        var secret = Base32Encoding.ToBytes((await database.Login.GetEnrollmentAsync(accountId))!.Base32Secret);

        var confirmed = await database.Login.CompleteEnrollmentAsync(id, Code(database, secret), Client);
        database.Clock.Advance(TimeSpan.FromSeconds(TotpPolicy.StepSeconds));
        var replayed = await database.Login.CompleteCodeStepAsync(id, Code(database, secret), Client);

        Assert.Equal(CodeStepOutcome.Accepted, confirmed.Outcome);
        Assert.Equal(CodeStepOutcome.Expired, replayed.Outcome);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'")]
    public async Task UnknownOrMalformedIdFindsNothingAndChangesNothing(string? id)
    {
        using var database = await DatabaseAsync();
        var accountId = await database.AddAccountAsync("onbekend@example.com");
        await StartAsync(database, accountId);

        Assert.Null(await database.PendingLogins.FindAsync(id));
        Assert.False(await database.PendingLogins.TryConsumeAsync(id, accountId));
        Assert.False(await database.PendingLogins.TryConsumeWithoutAccountAsync(id, PendingPurposes.Idin));
        await database.PendingLogins.EndAsync(id);
        Assert.Equal(1, await RowsAsync(database));
    }

    [Fact]
    public async Task PendingLoginOfOneAccountCanNotBeConsumedForAnother()
    {
        using var database = await DatabaseAsync();
        var accountId = await database.AddAccountAsync("eigen@example.com");
        var otherId = await database.AddAccountAsync("vreemd@example.com");
        var id = await StartAsync(database, accountId);

        Assert.False(await database.PendingLogins.TryConsumeAsync(id, otherId));
        Assert.False(await database.PendingLogins.TryConsumeWithoutAccountAsync(id, PendingPurposes.Idin));
        Assert.NotNull(await database.PendingLogins.FindAsync(id));
    }
}
