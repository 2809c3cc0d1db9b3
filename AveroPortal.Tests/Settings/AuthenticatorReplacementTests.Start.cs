using AveroPortal.Core.Login;
using AveroPortal.Core.Settings;
using Dapper;
using OtpNet;

namespace AveroPortal.Tests.Settings;

// Step one: starting a replacement with the old app's code.
public sealed partial class AuthenticatorReplacementTests
{
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
