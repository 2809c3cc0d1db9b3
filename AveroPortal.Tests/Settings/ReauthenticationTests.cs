using AveroPortal.Core.Factors;
using AveroPortal.Core.Login;
using AveroPortal.Core.Settings;

namespace AveroPortal.Tests.Settings;

public sealed class ReauthenticationTests : IAsyncLifetime
{
    private const string Method = SettingsEvents.PasswordChangeMethod;

    private SettingsTestBed _bed = null!;
    private EnrolledAccount _account = null!;

    public async Task InitializeAsync()
    {
        _bed = await SettingsTestBed.CreateAsync();
        _account = await _bed.EnrolledAccountAsync("herbevestiging@example.com");
    }

    public Task DisposeAsync()
    {
        _bed.Dispose();
        return Task.CompletedTask;
    }

    private async Task<FactorResult> CheckAsync(string? password, string code) =>
        await _bed.Reauthentication.CheckAsync(await _bed.AccountAsync(_account.Id), password, code, Method, SettingsTestBed.Client);

    [Fact]
    public async Task RightPasswordAndAFreshCodeAreAcceptedWithoutAnEvent()
    {
        var result = await CheckAsync(TestPasswords.Right, _bed.CodeOf(_account.Secret));

        Assert.Equal(FactorOutcome.Accepted, result.Outcome);
        Assert.Empty(await _bed.OutcomesAsync(_account.Id));
        Assert.Equal(0, (await _bed.AccountAsync(_account.Id)).FailedCount);
    }

    [Fact]
    public async Task AFreshCodeAloneIsEnoughWhenNoPasswordIsAsked()
    {
        var result = await CheckAsync(null, _bed.CodeOf(_account.Secret));

        Assert.Equal(FactorOutcome.Accepted, result.Outcome);
    }

    [Fact]
    public async Task AWrongPasswordIsRefusedByThePasswordAndLeavesTheCodeUnused()
    {
        var code = _bed.CodeOf(_account.Secret);

        var result = await CheckAsync(TestPasswords.Wrong, code);

        Assert.Equal(new FactorResult(FactorOutcome.Refused, RefusedBy: FactorKind.Password), result);
        Assert.Equal([LoginOutcomes.WrongPassword], await _bed.OutcomesAsync(_account.Id));
        Assert.Equal(FactorOutcome.Accepted, (await CheckAsync(TestPasswords.Right, code)).Outcome);
    }

    [Fact]
    public async Task AWrongCodeIsRefusedByTheAuthenticatorAndCounts()
    {
        var result = await CheckAsync(TestPasswords.Right, _bed.WrongCodeFor(_account.Secret));

        Assert.Equal(new FactorResult(FactorOutcome.Refused, RefusedBy: FactorKind.Authenticator), result);
        Assert.Equal([LoginOutcomes.WrongCode], await _bed.OutcomesAsync(_account.Id));
        Assert.Equal(1, (await _bed.AccountAsync(_account.Id)).FailedCount);
    }

    [Fact]
    public async Task ACodeUsedOnceIsRefusedAsAReplay()
    {
        var code = _bed.CodeOf(_account.Secret);
        await CheckAsync(null, code);

        var result = await CheckAsync(null, code);

        Assert.Equal(FactorOutcome.Refused, result.Outcome);
        Assert.Equal([LoginOutcomes.ReplayedCode], await _bed.OutcomesAsync(_account.Id));
    }

    [Fact]
    public async Task WithoutAnEnrolledAuthenticatorNothingIsCheckedOrCounted()
    {
        await _bed.Database.Authenticators.DeleteAsync(_account.Id);

        var result = await CheckAsync(TestPasswords.Right, _bed.CodeOf(_account.Secret));

        Assert.Equal(FactorOutcome.Unavailable, result.Outcome);
        Assert.Empty(await _bed.OutcomesAsync(_account.Id));
        Assert.Equal(0, (await _bed.AccountAsync(_account.Id)).FailedCount);
    }

    [Fact]
    public async Task ALockedAccountIsRefusedWithTheLocksEnd()
    {
        for (var i = 0; i < LockoutPolicy.MaxFailures; i++)
        {
            await CheckAsync(TestPasswords.Wrong, _bed.CodeOf(_account.Secret));
        }

        var result = await CheckAsync(TestPasswords.Right, _bed.CodeOf(_account.Secret));

        Assert.Equal(FactorOutcome.LockedOut, result.Outcome);
        Assert.NotNull(result.LockedUntil);
        Assert.Equal(LoginOutcomes.LockedOut, (await _bed.OutcomesAsync(_account.Id))[^1]);
    }
}
