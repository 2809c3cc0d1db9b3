using AveroPortal.Core.Login;
using AveroPortal.Core.Recovery;
using AveroPortal.Core.Settings;
using OtpNet;

namespace AveroPortal.Tests.Settings;

// Step one without the old phone: a recovery code proves it instead, spent once, on the same lockout.
public sealed partial class AuthenticatorReplacementTests
{
    [Fact]
    public async Task ARecoveryCodeStartsTheReplacementOnceAndTheNewAppThenWorks()
    {
        var codes = await _bed.Database.RecoveryCodes.IssueAsync(_account.Id);

        var result = await Replacement.StartWithRecoveryCodeAsync(_account.Id, _account.SessionId, codes[3], SettingsTestBed.Client);

        Assert.Equal(ReplacementOutcome.Done, result.Outcome);
        Assert.Equal(9, await _bed.Database.RecoveryCodes.CountUnusedAsync(_account.Id));
        var newSecret = Base32Encoding.ToBytes(result.Enrollment!.Base32Secret);
        _bed.NextStep();
        Assert.Equal(ReplacementOutcome.Done, (await Replacement.ConfirmAsync(_account.Id, _account.SessionId, _bed.CodeOf(newSecret), SettingsTestBed.Client)).Outcome);
        _bed.NextStep();
        Assert.Equal(CodeStepOutcome.Accepted, (await LogInWithAsync(newSecret)).Outcome);
        // The spent code does not start a second replacement, and that attempt counts.
        var again = await Replacement.StartWithRecoveryCodeAsync(_account.Id, _account.SessionId, codes[3], SettingsTestBed.Client);
        Assert.Equal(ReplacementOutcome.InvalidCode, again.Outcome);
        Assert.Equal(1, (await _bed.AccountAsync(_account.Id)).FailedCount);
    }

    [Fact]
    public async Task AWrongRecoveryCodeCountsAndStartsNothing()
    {
        await _bed.Database.RecoveryCodes.IssueAsync(_account.Id);

        var result = await Replacement.StartWithRecoveryCodeAsync(_account.Id, _account.SessionId,
            RecoveryCodes.Grouped(RecoveryCodes.Generate()[0]), SettingsTestBed.Client);

        Assert.Equal(ReplacementOutcome.InvalidCode, result.Outcome);
        Assert.Equal(0, await _bed.PendingCountAsync());
        Assert.Equal(1, (await _bed.AccountAsync(_account.Id)).FailedCount);
        Assert.Equal(LoginOutcomes.WrongRecoveryCode, (await _bed.OutcomesAsync(_account.Id))[^1]);
    }

    [Theory]
    [InlineData(null, InputProblem.Missing)]
    [InlineData("  ", InputProblem.Missing)]
    [InlineData("ABCD-EFGH", InputProblem.InvalidCode)]
    public async Task AMalformedRecoveryCodeChangesAndCountsNothing(string? code, InputProblem problem)
    {
        var result = await Replacement.StartWithRecoveryCodeAsync(_account.Id, _account.SessionId, code, SettingsTestBed.Client);

        Assert.Equal(ReplacementOutcome.BadInput, result.Outcome);
        Assert.Equal(problem, result.Problem);
        Assert.Equal(0, (await _bed.AccountAsync(_account.Id)).FailedCount);
        Assert.Equal(0, await _bed.PendingCountAsync());
    }
}
