using AveroPortal.Core.Login;
using AveroPortal.Core.Settings;
using Dapper;
using OtpNet;

namespace AveroPortal.Tests.Settings;

public sealed class AuthenticatorReplacementTests : IAsyncLifetime
{
    private SettingsTestBed _bed = null!;
    private EnrolledAccount _account = null!;

    private AuthenticatorReplacement Replacement => _bed.Replacement;

    public async Task InitializeAsync()
    {
        _bed = await SettingsTestBed.CreateAsync();
        _account = await _bed.EnrolledAccountAsync("telefoon@example.com");
    }

    public Task DisposeAsync()
    {
        _bed.Dispose();
        return Task.CompletedTask;
    }

    private Task<CodeStepResult> LogInWithAsync(byte[] secret) =>
        _bed.Database.Login.VerifyCodeAsync(_account.Id, _bed.CodeOf(secret), SettingsTestBed.Client);

    /// <summary>Step 1 with the old app's current code; returns the new app's secret as the page shows it.</summary>
    private async Task<byte[]> StartAsync(EnrolledAccount? account = null)
    {
        account ??= _account;
        var result = await Replacement.StartAsync(account.Id, account.SessionId, _bed.CodeOf(account.Secret), SettingsTestBed.Client);
        Assert.Equal(ReplacementOutcome.Done, result.Outcome);
        return Base32Encoding.ToBytes(result.Enrollment!.Base32Secret);
    }

    [Fact]
    public async Task StartShowsANewKeyAndKeepsTheOldAppWorking()
    {
        var result = await Replacement.StartAsync(_account.Id, _account.SessionId, _bed.CodeOf(_account.Secret), SettingsTestBed.Client);

        Assert.Equal(ReplacementOutcome.Done, result.Outcome);
        var newSecret = Base32Encoding.ToBytes(result.Enrollment!.Base32Secret);
        Assert.Equal(TotpPolicy.SecretBytes, newSecret.Length);
        Assert.NotEqual(_account.Secret, newSecret);
        Assert.Contains("secret=" + result.Enrollment.Base32Secret, result.Enrollment.OtpAuthUri, StringComparison.Ordinal);
        Assert.Equal(1, await _bed.PendingCountAsync());
        _bed.NextStep();
        Assert.Equal(CodeStepOutcome.Accepted, (await LogInWithAsync(_account.Secret)).Outcome);
        Assert.Equal(CodeStepOutcome.InvalidCode, (await LogInWithAsync(newSecret)).Outcome);
    }

    [Fact]
    public async Task PendingSecretIsStoredOnlyInItsProtectedForm()
    {
        var newSecret = await StartAsync();

        await using var connection = await _bed.Database.Db.OpenAsync();
        var stored = await connection.ExecuteScalarAsync<string>("SELECT secret_protected FROM authenticator_replacements");
        Assert.DoesNotContain(Base32Encoding.ToString(newSecret), stored!, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(newSecret), stored!, StringComparison.Ordinal);
        Assert.Equal(newSecret, _bed.Database.Secrets.Unprotect(stored!));
    }

    [Fact]
    public async Task StartNeedsARightCodeFromTheOldAppAndCountsAWrongOne()
    {
        var result = await Replacement.StartAsync(_account.Id, _account.SessionId, _bed.WrongCodeFor(_account.Secret), SettingsTestBed.Client);

        Assert.Equal(ReplacementOutcome.InvalidCode, result.Outcome);
        Assert.Null(result.Enrollment);
        Assert.Equal(0, await _bed.PendingCountAsync());
        Assert.Equal(1, (await _bed.AccountAsync(_account.Id)).FailedCount);
        Assert.Equal(LoginOutcomes.WrongCode, (await _bed.OutcomesAsync(_account.Id))[^1]);
    }

    [Fact]
    public async Task StartWithACodeUsedToLogInIsRefused()
    {
        var code = _bed.CodeOf(_account.Secret);
        Assert.Equal(CodeStepOutcome.Accepted, (await _bed.Database.Login.VerifyCodeAsync(_account.Id, code, SettingsTestBed.Client)).Outcome);

        var result = await Replacement.StartAsync(_account.Id, _account.SessionId, code, SettingsTestBed.Client);

        Assert.Equal(ReplacementOutcome.InvalidCode, result.Outcome);
        Assert.Equal(0, await _bed.PendingCountAsync());
    }

    [Fact]
    public async Task CodeUsedForStepOneCanNotLogIn()
    {
        var code = _bed.CodeOf(_account.Secret);
        await Replacement.StartAsync(_account.Id, _account.SessionId, code, SettingsTestBed.Client);

        var login = await _bed.Database.Login.VerifyCodeAsync(_account.Id, code, SettingsTestBed.Client);

        Assert.Equal(CodeStepOutcome.InvalidCode, login.Outcome);
    }

    [Fact]
    public async Task AfterConfirmationOnlyTheNewAppsCodesWork()
    {
        var newSecret = await StartAsync();
        _bed.NextStep();

        var confirmed = await Replacement.ConfirmAsync(_account.Id, _account.SessionId, _bed.CodeOf(newSecret), SettingsTestBed.Client);

        Assert.Equal(ReplacementOutcome.Done, confirmed.Outcome);
        _bed.NextStep();
        Assert.Equal(CodeStepOutcome.InvalidCode, (await LogInWithAsync(_account.Secret)).Outcome);
        Assert.Equal(CodeStepOutcome.Accepted, (await LogInWithAsync(newSecret)).Outcome);
    }

    [Fact]
    public async Task ConfirmationSwapsTheSecretSetsEnrolledAtAndTheStepAndDeletesThePendingRow()
    {
        var newSecret = await StartAsync();
        _bed.NextStep();
        var code = _bed.CodeOf(newSecret);

        await Replacement.ConfirmAsync(_account.Id, _account.SessionId, code, SettingsTestBed.Client);

        var binding = await _bed.BindingAsync(_account.Id);
        Assert.Equal(newSecret, _bed.Database.Secrets.Unprotect(binding.SecretProtected));
        Assert.Equal(_bed.Clock.GetUtcNow().ToUnixTimeSeconds(), binding.EnrolledAt);
        Assert.Equal(_bed.Database.Totp.CurrentStep, binding.LastAcceptedStep);
        Assert.Equal(0, await _bed.PendingCountAsync());
        // The confirming code was accepted once, so it can not log in afterwards.
        Assert.Equal(CodeStepOutcome.InvalidCode, (await _bed.Database.Login.VerifyCodeAsync(_account.Id, code, SettingsTestBed.Client)).Outcome);
    }

    [Fact]
    public async Task ConfirmationTellsTheCustomerAndLeavesAnEvent()
    {
        var newSecret = await StartAsync();

        await Replacement.ConfirmAsync(_account.Id, _account.SessionId, _bed.CodeOf(newSecret), SettingsTestBed.Client);

        var mail = Assert.Single(_bed.Mail.Sent);
        Assert.Equal(_account.Email, mail.To);
        Assert.Contains("de authenticator-app van uw account gewijzigd", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(SettingsEvents.AuthenticatorReplaced, (await _bed.OutcomesAsync(_account.Id))[^1]);
    }

    [Fact]
    public async Task WrongCodeFromTheNewAppKeepsTheOldAppAndCounts()
    {
        var newSecret = await StartAsync();

        var result = await Replacement.ConfirmAsync(_account.Id, _account.SessionId, _bed.WrongCodeFor(newSecret), SettingsTestBed.Client);

        Assert.Equal(ReplacementOutcome.InvalidCode, result.Outcome);
        Assert.Equal(1, (await _bed.AccountAsync(_account.Id)).FailedCount);
        Assert.Equal(1, await _bed.PendingCountAsync());
        _bed.NextStep();
        Assert.Equal(CodeStepOutcome.Accepted, (await LogInWithAsync(_account.Secret)).Outcome);
    }

    [Fact]
    public async Task OldAppsCodeDoesNotConfirmTheNewApp()
    {
        await StartAsync();
        _bed.NextStep();

        var result = await Replacement.ConfirmAsync(_account.Id, _account.SessionId, _bed.CodeOf(_account.Secret), SettingsTestBed.Client);

        Assert.Equal(ReplacementOutcome.InvalidCode, result.Outcome);
        Assert.Equal(_account.Secret, _bed.Database.Secrets.Unprotect((await _bed.BindingAsync(_account.Id)).SecretProtected));
    }

    [Fact]
    public async Task ExpiredReplacementCanNotBeConfirmed()
    {
        var newSecret = await StartAsync();
        _bed.Clock.Advance(AuthenticatorReplacementRepository.Lifetime);

        var result = await Replacement.ConfirmAsync(_account.Id, _account.SessionId, _bed.CodeOf(newSecret), SettingsTestBed.Client);

        Assert.Equal(ReplacementOutcome.Expired, result.Outcome);
        Assert.Null(await Replacement.FindPendingAsync(_account.Id, _account.SessionId));
        Assert.Equal(CodeStepOutcome.Accepted, (await LogInWithAsync(_account.Secret)).Outcome);
        Assert.Empty(_bed.Mail.Sent);
    }

    [Fact]
    public void ReplacementLivesAtMostFiveMinutes() =>
        Assert.True(AuthenticatorReplacementRepository.Lifetime <= TimeSpan.FromMinutes(5));

    [Fact]
    public async Task ReplacementStartedInASessionThatEndedCanNotBeConfirmed()
    {
        var newSecret = await StartAsync();

        // Log-out, "sign out everywhere" from another device, or a Supportdesk action: the proof of step 1 goes with the session.
        await _bed.Database.Sessions.EndAsync(_account.SessionId);
        var result = await Replacement.ConfirmAsync(_account.Id, _account.SessionId, _bed.CodeOf(newSecret), SettingsTestBed.Client);

        Assert.Equal(ReplacementOutcome.Expired, result.Outcome);
        Assert.Null(await Replacement.FindPendingAsync(_account.Id, _account.SessionId));
        Assert.Equal(_account.Secret, _bed.Database.Secrets.Unprotect((await _bed.BindingAsync(_account.Id)).SecretProtected));
    }

    [Fact]
    public async Task ReplacementIsStillConfirmableJustBeforeItExpires()
    {
        var newSecret = await StartAsync();
        _bed.Clock.Advance(AuthenticatorReplacementRepository.Lifetime - TimeSpan.FromSeconds(1));

        var result = await Replacement.ConfirmAsync(_account.Id, _account.SessionId, _bed.CodeOf(newSecret), SettingsTestBed.Client);

        Assert.Equal(ReplacementOutcome.Done, result.Outcome);
    }

    [Fact]
    public async Task ReplacementOfOneAccountCanNotBeConfirmedByAnother()
    {
        var other = await _bed.EnrolledAccountAsync("ander@example.com");
        var newSecret = await StartAsync();
        var code = _bed.CodeOf(newSecret);

        var bySession = await Replacement.ConfirmAsync(other.Id, _account.SessionId, code, SettingsTestBed.Client);
        var byOwnSession = await Replacement.ConfirmAsync(other.Id, other.SessionId, code, SettingsTestBed.Client);

        Assert.Equal(ReplacementOutcome.Expired, bySession.Outcome);
        Assert.Equal(ReplacementOutcome.Expired, byOwnSession.Outcome);
        Assert.Equal(other.Secret, _bed.Database.Secrets.Unprotect((await _bed.BindingAsync(other.Id)).SecretProtected));
        Assert.Equal(_account.Secret, _bed.Database.Secrets.Unprotect((await _bed.BindingAsync(_account.Id)).SecretProtected));
        // The owner still can.
        Assert.Equal(ReplacementOutcome.Done, (await Replacement.ConfirmAsync(_account.Id, _account.SessionId, code, SettingsTestBed.Client)).Outcome);
    }

    [Fact]
    public async Task ReplacementBelongsToTheSessionThatStartedIt()
    {
        var newSecret = await StartAsync();
        var otherSession = await _bed.Database.Sessions.CreateAsync(_account.Id, "password+totp", null, null);

        var result = await Replacement.ConfirmAsync(_account.Id, otherSession, _bed.CodeOf(newSecret), SettingsTestBed.Client);

        Assert.Equal(ReplacementOutcome.Expired, result.Outcome);
        Assert.Null(await Replacement.FindPendingAsync(_account.Id, otherSession));
        Assert.NotNull(await Replacement.FindPendingAsync(_account.Id, _account.SessionId));
    }

    [Fact]
    public async Task StartingAgainReplacesTheEarlierPendingSecret()
    {
        var first = await StartAsync();
        _bed.NextStep();
        var second = await StartAsync();

        Assert.NotEqual(first, second);
        Assert.Equal(1, await _bed.PendingCountAsync());
        Assert.Equal(ReplacementOutcome.InvalidCode,
            (await Replacement.ConfirmAsync(_account.Id, _account.SessionId, _bed.CodeOf(first), SettingsTestBed.Client)).Outcome);
        Assert.Equal(ReplacementOutcome.Done,
            (await Replacement.ConfirmAsync(_account.Id, _account.SessionId, _bed.CodeOf(second), SettingsTestBed.Client)).Outcome);
    }

    [Fact]
    public async Task ReloadingStepTwoShowsTheSameKey()
    {
        var result = await Replacement.StartAsync(_account.Id, _account.SessionId, _bed.CodeOf(_account.Secret), SettingsTestBed.Client);

        var again = await Replacement.FindPendingAsync(_account.Id, _account.SessionId);

        Assert.Equal(result.Enrollment, again);
    }

    [Fact]
    public async Task ConfirmingTwiceSwapsOnce()
    {
        var newSecret = await StartAsync();
        var code = _bed.CodeOf(newSecret);
        Assert.Equal(ReplacementOutcome.Done, (await Replacement.ConfirmAsync(_account.Id, _account.SessionId, code, SettingsTestBed.Client)).Outcome);

        var again = await Replacement.ConfirmAsync(_account.Id, _account.SessionId, code, SettingsTestBed.Client);

        Assert.Equal(ReplacementOutcome.Expired, again.Outcome);
        Assert.Single(_bed.Mail.Sent);
    }

    [Fact]
    public async Task ParallelConfirmationsSwapExactlyOnce()
    {
        var newSecret = await StartAsync();
        var code = _bed.CodeOf(newSecret);

        var results = await AllAtOnce.RunAsync(8, () => Replacement.ConfirmAsync(_account.Id, _account.SessionId, code, SettingsTestBed.Client));

        Assert.Single(results, r => r.Outcome == ReplacementOutcome.Done);
        Assert.All(results.Where(r => r.Outcome != ReplacementOutcome.Done), r => Assert.Equal(ReplacementOutcome.Expired, r.Outcome));
        Assert.Single(_bed.Mail.Sent);
    }

    [Fact]
    public async Task SwapOntoABindingThatChangedMeanwhileRollsBackAndKeepsThePendingRow()
    {
        await StartAsync();
        var before = await _bed.BindingAsync(_account.Id);
        var pending = (await _bed.Replacements.FindAsync(_account.Id, _account.SessionId))!;
        // Someone else replaced the binding's secret between the read and the swap.
        var concurrent = _bed.Database.Secrets.Protect(TotpPolicy.NewSecret());
        await using (var connection = await _bed.Database.Db.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE authenticator_bindings SET secret_protected = @S WHERE account_id = @A", new { S = concurrent, A = _account.Id });
        }

        var swapped = await _bed.Replacements.TrySwapAsync(pending, before.SecretProtected, 42);

        Assert.False(swapped);
        Assert.Equal(concurrent, (await _bed.BindingAsync(_account.Id)).SecretProtected);
        // The claim on the pending row was rolled back with the failed swap.
        Assert.Equal(1, await _bed.PendingCountAsync());
    }

    [Fact]
    public async Task ReplacementStartedAgainMeanwhileIsNotSwappedIn()
    {
        await StartAsync();
        var binding = await _bed.BindingAsync(_account.Id);
        var first = (await _bed.Replacements.FindAsync(_account.Id, _account.SessionId))!;
        // A second tab starts over between this confirmation's read and its swap.
        var second = await _bed.Replacements.SaveAsync(_account.Id, _account.SessionId, _bed.Database.Secrets.Protect(TotpPolicy.NewSecret()), binding.SecretProtected);

        var swapped = await _bed.Replacements.TrySwapAsync(first, binding.SecretProtected, 42);

        Assert.False(swapped);
        Assert.Equal(binding, await _bed.BindingAsync(_account.Id));
        Assert.Equal(second, await _bed.Replacements.FindAsync(_account.Id, _account.SessionId));
    }

    [Fact]
    public async Task AuthenticatorUnlinkedAndEnrolledAgainMeanwhileIsNotReplaced()
    {
        var newSecret = await StartAsync();
        await _bed.Database.Authenticators.DeleteAsync(_account.Id);
        var reenrolled = TotpPolicy.NewSecret();
        await _bed.Database.Authenticators.GetOrCreatePendingAsync(_account.Id, () => _bed.Database.Secrets.Protect(reenrolled));
        await _bed.Database.Authenticators.TryConfirmAsync(_account.Id, _bed.Database.Totp.CurrentStep - 2);

        var result = await Replacement.ConfirmAsync(_account.Id, _account.SessionId, _bed.CodeOf(newSecret), SettingsTestBed.Client);

        Assert.Equal(ReplacementOutcome.Expired, result.Outcome);
        Assert.Equal(reenrolled, _bed.Database.Secrets.Unprotect((await _bed.BindingAsync(_account.Id)).SecretProtected));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12\t3456")]
    public async Task BadCodeIsRefusedBeforeAnythingIsCounted(string? code)
    {
        var newSecret = await StartAsync();

        var start = await Replacement.StartAsync(_account.Id, _account.SessionId, code, SettingsTestBed.Client);
        var confirm = await Replacement.ConfirmAsync(_account.Id, _account.SessionId, code, SettingsTestBed.Client);

        Assert.Equal(ReplacementOutcome.BadInput, start.Outcome);
        Assert.Equal(ReplacementOutcome.BadInput, confirm.Outcome);
        Assert.NotEqual(InputProblem.None, confirm.Problem);
        Assert.Equal(0, (await _bed.AccountAsync(_account.Id)).FailedCount);
        Assert.Equal(newSecret, Base32Encoding.ToBytes((await Replacement.FindPendingAsync(_account.Id, _account.SessionId))!.Base32Secret));
    }

    [Fact]
    public async Task LockedAccountCanNotStartOrConfirm()
    {
        var newSecret = await StartAsync();
        for (var i = 0; i < LockoutPolicy.MaxFailures; i++)
        {
            await _bed.Database.Accounts.BeginAttemptAsync(_account.Id);
        }

        _bed.NextStep();
        var start = await Replacement.StartAsync(_account.Id, _account.SessionId, _bed.CodeOf(_account.Secret), SettingsTestBed.Client);
        var confirm = await Replacement.ConfirmAsync(_account.Id, _account.SessionId, _bed.CodeOf(newSecret), SettingsTestBed.Client);

        Assert.Equal(ReplacementOutcome.LockedOut, start.Outcome);
        Assert.Equal(ReplacementOutcome.LockedOut, confirm.Outcome);
        Assert.Equal(_account.Secret, _bed.Database.Secrets.Unprotect((await _bed.BindingAsync(_account.Id)).SecretProtected));
    }
}
