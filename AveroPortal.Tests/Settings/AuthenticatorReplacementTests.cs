using AveroPortal.Core.Login;
using AveroPortal.Core.Settings;
using OtpNet;

namespace AveroPortal.Tests.Settings;

public sealed partial class AuthenticatorReplacementTests : IAsyncLifetime
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
}
