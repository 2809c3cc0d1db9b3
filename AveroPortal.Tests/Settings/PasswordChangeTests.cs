using AveroPortal.Core.Login;
using AveroPortal.Core.Settings;

namespace AveroPortal.Tests.Settings;

public sealed class PasswordChangeTests : IAsyncLifetime
{
    private const string NewPassword = "Fietsen langs de Zwette 1";

    private SettingsTestBed _bed = null!;
    private EnrolledAccount _account = null!;

    public async Task InitializeAsync()
    {
        _bed = await SettingsTestBed.CreateAsync();
        _account = await _bed.EnrolledAccountAsync("wachtwoord@example.com");
    }

    public Task DisposeAsync()
    {
        _bed.Dispose();
        return Task.CompletedTask;
    }

    private Task<PasswordChangeResult> ChangeAsync(string? current, string? code, string? newPassword = NewPassword, string? repeat = null) =>
        _bed.PasswordChange.ChangeAsync(_account.Id, new PasswordChangeRequest(current, code, newPassword, repeat ?? newPassword), SettingsTestBed.Client);

    private async Task AssertPasswordIsStillTheOldOneAsync()
    {
        var hash = (await _bed.AccountAsync(_account.Id)).PasswordHash;
        Assert.NotEqual(PasswordCheck.Failed, TestPasswords.Verify(hash, TestPasswords.Right));
        Assert.Equal(PasswordCheck.Failed, TestPasswords.Verify(hash, NewPassword));
    }

    [Fact]
    public async Task PasswordChangeEndsPendingLoginsStartedWithTheOldPassword()
    {
        var pending = await _bed.Database.PendingLogins.StartAsync((await _bed.AccountAsync(_account.Id)), null);

        Assert.Equal(PasswordChangeOutcome.Changed, (await ChangeAsync(TestPasswords.Right, _bed.CodeOf(_account.Secret))).Outcome);

        Assert.Null(await _bed.Database.PendingLogins.FindAsync(pending));
    }

    [Fact]
    public async Task RefusedPasswordChangeLeavesPendingLoginsAlone()
    {
        var pending = await _bed.Database.PendingLogins.StartAsync((await _bed.AccountAsync(_account.Id)), null);

        Assert.Equal(PasswordChangeOutcome.WrongPassword, (await ChangeAsync(TestPasswords.Wrong, _bed.CodeOf(_account.Secret))).Outcome);

        Assert.NotNull(await _bed.Database.PendingLogins.FindAsync(pending));
    }

    [Fact]
    public async Task RightPasswordAndAFreshCodeChangeThePasswordAndTellTheCustomer()
    {
        var before = await _bed.AccountAsync(_account.Id);

        var result = await ChangeAsync(TestPasswords.Right, _bed.CodeOf(_account.Secret));

        Assert.Equal(PasswordChangeOutcome.Changed, result.Outcome);
        Assert.True(result.Notified);
        var after = await _bed.AccountAsync(_account.Id);
        Assert.Equal(PasswordCheck.Success, TestPasswords.Verify(after.PasswordHash, NewPassword));
        Assert.Equal(PasswordCheck.Failed, TestPasswords.Verify(after.PasswordHash, TestPasswords.Right));
        var mail = Assert.Single(_bed.Mail.Sent);
        Assert.Equal(_account.Email, mail.To);
        Assert.Equal("Uw inloggegevens zijn gewijzigd", mail.Subject);
        Assert.Contains("het wachtwoord van uw account gewijzigd", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(SettingsEvents.PasswordChanged, (await _bed.OutcomesAsync(_account.Id))[^1]);
        Assert.Equal(new LockoutState(0, null), after.Lockout);
    }

    [Fact]
    public async Task ChangingThePasswordKeepsTheSecurityStampSoOtherSessionsEndOnlyOnRequest()
    {
        var stamp = (await _bed.AccountAsync(_account.Id)).SecurityStamp;

        await ChangeAsync(TestPasswords.Right, _bed.CodeOf(_account.Secret));

        Assert.Equal(stamp, (await _bed.AccountAsync(_account.Id)).SecurityStamp);
        Assert.True(_bed.Database.Sessions.IsLive((await _bed.Database.Sessions.GetAsync(_account.SessionId))!));
    }

    [Fact]
    public async Task WrongCurrentPasswordChangesNothingCountsAndLeavesTheCodeUnused()
    {
        var step = (await _bed.BindingAsync(_account.Id)).LastAcceptedStep;

        var result = await ChangeAsync(TestPasswords.Wrong, _bed.CodeOf(_account.Secret));

        Assert.Equal(PasswordChangeOutcome.WrongPassword, result.Outcome);
        await AssertPasswordIsStillTheOldOneAsync();
        Assert.Equal(1, (await _bed.AccountAsync(_account.Id)).FailedCount);
        Assert.Equal(step, (await _bed.BindingAsync(_account.Id)).LastAcceptedStep);
        Assert.Empty(_bed.Mail.Sent);
        Assert.Equal(LoginOutcomes.WrongPassword, (await _bed.OutcomesAsync(_account.Id))[^1]);
    }

    [Fact]
    public async Task WrongCodeChangesNothingAndCounts()
    {
        var result = await ChangeAsync(TestPasswords.Right, _bed.WrongCodeFor(_account.Secret));

        Assert.Equal(PasswordChangeOutcome.InvalidCode, result.Outcome);
        await AssertPasswordIsStillTheOldOneAsync();
        Assert.Equal(1, (await _bed.AccountAsync(_account.Id)).FailedCount);
        Assert.Empty(_bed.Mail.Sent);
    }

    [Fact]
    public async Task CodeUsedToLogInIsRefused()
    {
        var code = _bed.CodeOf(_account.Secret);
        Assert.Equal(CodeStepOutcome.Accepted, (await _bed.Database.Login.VerifyCodeAsync(_account.Id, code, SettingsTestBed.Client)).Outcome);

        var result = await ChangeAsync(TestPasswords.Right, code);

        Assert.Equal(PasswordChangeOutcome.InvalidCode, result.Outcome);
        await AssertPasswordIsStillTheOldOneAsync();
        Assert.Equal(LoginOutcomes.ReplayedCode, (await _bed.OutcomesAsync(_account.Id))[^1]);
    }

    [Fact]
    public async Task CodeUsedToChangeThePasswordCanNotLogIn()
    {
        var code = _bed.CodeOf(_account.Secret);
        Assert.Equal(PasswordChangeOutcome.Changed, (await ChangeAsync(TestPasswords.Right, code)).Outcome);

        var login = await _bed.Database.Login.VerifyCodeAsync(_account.Id, code, SettingsTestBed.Client);

        Assert.Equal(CodeStepOutcome.InvalidCode, login.Outcome);
    }

    [Fact]
    public async Task UsedCodeIsRefusedASecondTime()
    {
        var code = _bed.CodeOf(_account.Secret);
        Assert.Equal(PasswordChangeOutcome.Changed, (await ChangeAsync(TestPasswords.Right, code)).Outcome);

        var again = await _bed.PasswordChange.ChangeAsync(_account.Id,
            new PasswordChangeRequest(NewPassword, code, "Een heel ander wachtwoord 2", "Een heel ander wachtwoord 2"), SettingsTestBed.Client);

        Assert.Equal(PasswordChangeOutcome.InvalidCode, again.Outcome);
        Assert.Equal(PasswordCheck.Success, TestPasswords.Verify((await _bed.AccountAsync(_account.Id)).PasswordHash, NewPassword));
    }

    [Fact]
    public async Task WhenTheHasherIsBusyNothingIsCountedAndTheCodeIsNotSpent()
    {
        using var hashing = TestPasswords.HashingWith(maxConcurrent: 1, maxWaitMilliseconds: 20);
        var db = _bed.Database;
        var change = new PasswordChange(db.Accounts, new Reauthentication(db.Authenticators, db.Secrets, hashing, db.Totp, db.FactorCheck), db.Events,
            new PasswordRules(), hashing, _bed.Notifier, db.PendingLogins);
        var code = _bed.CodeOf(_account.Secret);
        var request = new PasswordChangeRequest(TestPasswords.Right, code, NewPassword, NewPassword);

        using (await hashing.EnterAsync())
        {
            await Assert.ThrowsAsync<PasswordHashingBusyException>(() => change.ChangeAsync(_account.Id, request, SettingsTestBed.Client));
        }

        Assert.Equal(new LockoutState(0, null), (await _bed.AccountAsync(_account.Id)).Lockout);
        await AssertPasswordIsStillTheOldOneAsync();
        // The same code still works once a turn is free: it was not spent by the refused attempt.
        Assert.Equal(PasswordChangeOutcome.Changed, (await change.ChangeAsync(_account.Id, request, SettingsTestBed.Client)).Outcome);
    }

    [Fact]
    public async Task FiveWrongAttemptsLockTheAccountForTheLoginToo()
    {
        for (var i = 1; i < LockoutPolicy.MaxFailures; i++)
        {
            Assert.Equal(PasswordChangeOutcome.WrongPassword, (await ChangeAsync(TestPasswords.Wrong, _bed.CodeOf(_account.Secret))).Outcome);
        }

        var fifth = await ChangeAsync(TestPasswords.Wrong, _bed.CodeOf(_account.Secret));

        Assert.Equal(PasswordChangeOutcome.LockedOut, fifth.Outcome);
        Assert.Equal(_bed.Clock.GetUtcNow().Add(LockoutPolicy.Duration), fifth.LockedUntil);
        // Locked means locked: the right password and code change nothing, and the login refuses too.
        Assert.Equal(PasswordChangeOutcome.LockedOut, (await ChangeAsync(TestPasswords.Right, _bed.CodeOf(_account.Secret))).Outcome);
        await AssertPasswordIsStillTheOldOneAsync();
        var login = await _bed.Database.Login.CheckPasswordAsync(Portals.Private, _account.Email, TestPasswords.Right, SettingsTestBed.Client);
        Assert.Equal(PasswordStepOutcome.LockedOut, login.Outcome);
    }

    [Fact]
    public async Task EarlierLoginFailuresCountTowardsTheSameLock()
    {
        for (var i = 0; i < LockoutPolicy.MaxFailures - 1; i++)
        {
            await _bed.Database.Login.CheckPasswordAsync(Portals.Private, _account.Email, TestPasswords.Wrong, SettingsTestBed.Client);
        }

        var result = await ChangeAsync(TestPasswords.Right, _bed.WrongCodeFor(_account.Secret));

        Assert.Equal(PasswordChangeOutcome.LockedOut, result.Outcome);
    }

    [Theory]
    [InlineData("kort", PasswordProblem.TooShort)]
    [InlineData("password123", PasswordProblem.Common)]
    [InlineData("wachtwoord@example.com", PasswordProblem.SameAsEmail)]
    public async Task NewPasswordAgainstTheRulesChangesAndCountsNothing(string newPassword, PasswordProblem problem)
    {
        var step = (await _bed.BindingAsync(_account.Id)).LastAcceptedStep;

        var result = await ChangeAsync(TestPasswords.Right, _bed.CodeOf(_account.Secret), newPassword);

        Assert.Equal(PasswordChangeOutcome.Rejected, result.Outcome);
        Assert.Equal(problem, result.RuleProblem);
        Assert.Equal(0, (await _bed.AccountAsync(_account.Id)).FailedCount);
        Assert.Equal(step, (await _bed.BindingAsync(_account.Id)).LastAcceptedStep);
        Assert.Empty(await _bed.OutcomesAsync(_account.Id));
    }

    [Fact]
    public async Task DifferentRepeatChangesAndCountsNothing()
    {
        var result = await ChangeAsync(TestPasswords.Right, _bed.CodeOf(_account.Secret), NewPassword, NewPassword + "!");

        Assert.Equal(PasswordChangeOutcome.PasswordsDiffer, result.Outcome);
        await AssertPasswordIsStillTheOldOneAsync();
        Assert.Equal(0, (await _bed.AccountAsync(_account.Id)).FailedCount);
    }

    public static TheoryData<string?, string?, string?, string?, string> BadInputs => new()
    {
        { null, "123456", NewPassword, NewPassword, "current:Missing" },
        { new string('x', 10_000), "123456", NewPassword, NewPassword, "current:TooLong" },
        { "a\tb", "123456", NewPassword, NewPassword, "current:ControlCharacters" },
        { TestPasswords.Right, null, NewPassword, NewPassword, "code:Missing" },
        { TestPasswords.Right, "12345a", NewPassword, NewPassword, "code:InvalidCode" },
        { TestPasswords.Right, "123456", "", NewPassword, "new:Missing" },
        { TestPasswords.Right, "123456", "nieuw\u001b[31m wachtwoord", NewPassword, "new:ControlCharacters" },
        { TestPasswords.Right, "123456", NewPassword, null, "repeat:Missing" },
        { TestPasswords.Right, "123456", NewPassword, "x\u2028y", "repeat:ControlCharacters" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task BadInputIsRefusedBeforeAnythingIsReadOrCounted(string? current, string? code, string? newPassword, string? repeat, string expected)
    {
        var result = await _bed.PasswordChange.ChangeAsync(_account.Id, new PasswordChangeRequest(current, code, newPassword, repeat), SettingsTestBed.Client);

        Assert.Equal(PasswordChangeOutcome.BadInput, result.Outcome);
        var problems = new Dictionary<string, InputProblem>
        {
            ["current"] = result.CurrentPasswordProblem,
            ["code"] = result.CodeProblem,
            ["new"] = result.NewPasswordProblem,
            ["repeat"] = result.RepeatProblem,
        };
        Assert.Equal(expected, string.Join(",", problems.Where(p => p.Value != InputProblem.None).Select(p => $"{p.Key}:{p.Value}")));
        await AssertPasswordIsStillTheOldOneAsync();
        Assert.Equal(0, (await _bed.AccountAsync(_account.Id)).FailedCount);
        Assert.Empty(await _bed.OutcomesAsync(_account.Id));
    }

    [Fact]
    public async Task StaffAccountCanNotChangeItsPasswordHere()
    {
        var staffId = await _bed.Database.Accounts.CreateAsync(new NewAccount(Portals.Staff, "medewerker@example.com", "Medewerker",
            TestPasswords.RightHash, null, null, StaffRoles.SupportAgent));

        var result = await _bed.PasswordChange.ChangeAsync(staffId,
            new PasswordChangeRequest(TestPasswords.Right, "123456", NewPassword, NewPassword), SettingsTestBed.Client);

        Assert.Equal(PasswordChangeOutcome.NotAvailable, result.Outcome);
        Assert.Equal(0, (await _bed.AccountAsync(staffId)).FailedCount);
    }

    [Fact]
    public async Task MailServerDownStillChangesThePasswordAndSaysSo()
    {
        using var bed = await SettingsTestBed.CreateAsync(new FailingEmailSender());
        var account = await bed.EnrolledAccountAsync("geen-mail@example.com");

        var result = await bed.PasswordChange.ChangeAsync(account.Id,
            new PasswordChangeRequest(TestPasswords.Right, bed.CodeOf(account.Secret), NewPassword, NewPassword), SettingsTestBed.Client);

        Assert.Equal(PasswordChangeOutcome.Changed, result.Outcome);
        Assert.False(result.Notified);
        Assert.Equal(PasswordCheck.Success, TestPasswords.Verify((await bed.AccountAsync(account.Id)).PasswordHash, NewPassword));
    }
}
