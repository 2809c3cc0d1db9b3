using AveroPortal.Core.Login;
using AveroPortal.Core.Recovery;
using AveroPortal.Core.Settings;
using OtpNet;

namespace AveroPortal.Tests.Recovery;

/// <summary>The code step answered with a recovery code, in <see cref="PasswordLogin"/>, through the one <c>FactorCheck</c>.</summary>
public sealed class RecoveryCodeLoginTests : IAsyncLifetime
{
    private static readonly ClientInfo Client = ClientInfo.Of("192.0.2.7", "xunit");

    private TestDatabase _database = null!;
    private long _accountId;
    private byte[] _secret = null!;
    private IReadOnlyList<string> _codes = null!;

    private PasswordLogin Login => _database.Login;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _accountId = await _database.AddAccountAsync("herstel@example.com");
        var enrollment = await Login.GetEnrollmentAsync(_accountId);
        _secret = Base32Encoding.ToBytes(enrollment!.Base32Secret);
        var enrolled = await Login.CompleteEnrollmentAsync(await PendingAsync(), TotpPolicy.ComputeCode(_secret, _database.Clock.GetUtcNow()), Client);
        Assert.Equal(CodeStepOutcome.Accepted, enrolled.Outcome);
        _codes = enrolled.RecoveryCodes!;
        _database.Clock.Advance(TimeSpan.FromSeconds(TotpPolicy.StepSeconds));
    }

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    private async Task<string> PendingAsync() => await Login.StartPendingAsync((await _database.Accounts.GetAsync(_accountId))!, null);

    /// <summary>A well-formed code that matches none of the steps the policy accepts right now.</summary>
    private string WrongCode()
    {
        var valid = new[] { -1, 0, 1 }
            .Select(s => TotpPolicy.ComputeCode(_secret, _database.Clock.GetUtcNow().AddSeconds(s * TotpPolicy.StepSeconds)))
            .ToHashSet();
        return Enumerable.Range(0, 10).Select(i => new string((char)('0' + i), 6)).First(c => !valid.Contains(c));
    }

    private static string WrongRecoveryCode() => RecoveryCodes.Grouped(RecoveryCodes.Generate()[0]);

    [Fact]
    public async Task TheEnrollmentConfirmationIssuesTheFirstTenCodes()
    {
        Assert.Equal(10, _codes.Count);
        Assert.All(_codes, code => Assert.Matches("^([0-9A-Z]{4}-){5}[0-9A-Z]{4}$", code));
        Assert.Equal(10, await _database.RecoveryCodes.CountUnusedAsync(_accountId));
    }

    [Fact]
    public async Task ARightRecoveryCodeCompletesTheLoginTellsHowManyAreLeftAndSendsAMail()
    {
        var pending = await PendingAsync();

        var result = await Login.CompleteWithRecoveryCodeAsync(pending, _codes[0].ToLowerInvariant().Replace('-', ' '), Client);

        Assert.Equal(CodeStepOutcome.Accepted, result.Outcome);
        Assert.Equal(9, result.RecoveryCodesLeft);
        Assert.Null(await Login.FindPendingAsync(pending));
        var mail = Assert.Single(_database.Mail.Sent);
        Assert.Equal("herstel@example.com", mail.To);
        Assert.Contains("nog 9 ongebruikte herstelcodes", mail.TextBody);
        Assert.DoesNotContain(_codes[1], mail.TextBody);
    }

    [Fact]
    public async Task AUsedRecoveryCodeIsRefusedInALaterLogin()
    {
        Assert.Equal(CodeStepOutcome.Accepted, (await Login.CompleteWithRecoveryCodeAsync(await PendingAsync(), _codes[2], Client)).Outcome);
        var second = await PendingAsync();

        var replayed = await Login.CompleteWithRecoveryCodeAsync(second, _codes[2], Client);

        Assert.Equal(CodeStepOutcome.InvalidCode, replayed.Outcome);
        Assert.NotNull(await Login.FindPendingAsync(second));
        Assert.Equal(LoginOutcomes.WrongRecoveryCode, (await _database.Events.LatestForAccountAsync(_accountId, 1)).Single().Outcome);
    }

    [Fact]
    public async Task WrongRecoveryCodesCountTowardsTheSameLockoutAsWrongAuthenticatorCodes()
    {
        var pending = await PendingAsync();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(CodeStepOutcome.InvalidCode, (await Login.CompleteCodeStepAsync(pending, WrongCode(), Client)).Outcome);
        }

        Assert.Equal(CodeStepOutcome.InvalidCode, (await Login.CompleteWithRecoveryCodeAsync(pending, WrongRecoveryCode(), Client)).Outcome);
        var fifth = await Login.CompleteWithRecoveryCodeAsync(pending, WrongRecoveryCode(), Client);
        var rightButLocked = await Login.CompleteWithRecoveryCodeAsync(pending, _codes[0], Client);

        Assert.Equal(CodeStepOutcome.LockedOut, fifth.Outcome);
        Assert.Equal(CodeStepOutcome.LockedOut, rightButLocked.Outcome);
        Assert.Equal(LockoutPolicy.MaxFailures, (await _database.Accounts.GetAsync(_accountId))!.FailedCount);
        // A locked account does not spend the customer's code.
        Assert.Equal(10, await _database.RecoveryCodes.CountUnusedAsync(_accountId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("123456")]
    [InlineData("ABCD-EFGH-JKMN-PQRS-TVWX-YZ0U")]
    public async Task SomethingThatIsNotARecoveryCodeIsBadInputAndNotCounted(string typed)
    {
        var result = await Login.CompleteWithRecoveryCodeAsync(await PendingAsync(), typed, Client);

        Assert.Equal(CodeStepOutcome.BadInput, result.Outcome);
        Assert.Equal(0, (await _database.Accounts.GetAsync(_accountId))!.FailedCount);
    }

    [Fact]
    public async Task RegeneratingAfterAFreshAuthenticatorCodeReplacesTheSetAndSendsAMail()
    {
        var regeneration = new RecoveryCodeRegeneration(_database.Accounts,
            new Reauthentication(_database.Authenticators, _database.Secrets, TestPasswords.Hashing, _database.Totp, _database.FactorCheck),
            _database.RecoveryCodes, _database.Events);

        var wrong = await regeneration.RegenerateAsync(_accountId, WrongCode(), Client);
        var done = await regeneration.RegenerateAsync(_accountId, TotpPolicy.ComputeCode(_secret, _database.Clock.GetUtcNow()), Client);

        Assert.Equal(RegenerationOutcome.InvalidCode, wrong.Outcome);
        Assert.Equal(RegenerationOutcome.Done, done.Outcome);
        Assert.Equal(10, done.Codes!.Count);
        Assert.Empty(done.Codes.Intersect(_codes));
        Assert.True(done.Notified);
        Assert.Equal(CodeStepOutcome.InvalidCode, (await Login.CompleteWithRecoveryCodeAsync(await PendingAsync(), _codes[0], Client)).Outcome);
        Assert.Equal(CodeStepOutcome.Accepted, (await Login.CompleteWithRecoveryCodeAsync(await PendingAsync(), done.Codes[0], Client)).Outcome);
    }
}
