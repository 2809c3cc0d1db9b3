using AveroPortal.Core.Login;
using AveroPortal.Core.Settings;

namespace AveroPortal.Tests.Settings;

// Step two: confirming with the new app's code, within the time and the session that started it.
public sealed partial class AuthenticatorReplacementTests
{
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
}
