using AveroPortal.Core.Login;
using AveroPortal.Core.Settings;
using Dapper;

namespace AveroPortal.Tests.Settings;

// Confirmations that race each other or a binding that changed meanwhile.
public sealed partial class AuthenticatorReplacementTests
{
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
}
