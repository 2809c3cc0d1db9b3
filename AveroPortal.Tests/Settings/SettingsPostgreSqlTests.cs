using AveroPortal.Core.Data;
using AveroPortal.Core.Login;
using AveroPortal.Core.Settings;
using OtpNet;

namespace AveroPortal.Tests.Settings;

/// <summary>The settings SQL (upsert of the pending row, the swap transaction, the live-session list) on PostgreSQL too.</summary>
public sealed class SettingsPostgreSqlTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private async Task<SettingsTestBed> BedAsync() =>
        await SettingsTestBed.CreateAsync(database: DatabaseOptions.ForPostgreSql(await postgres.Server.CreateDatabaseAsync()));

    [Fact]
    public async Task ReplacementSwapsOnceAndOnlyTheNewAppWorksAfterwards()
    {
        using var bed = await BedAsync();
        var account = await bed.EnrolledAccountAsync("pg-telefoon@example.com");
        var first = await bed.Replacement.StartAsync(account.Id, account.SessionId, bed.CodeOf(account.Secret), SettingsTestBed.Client);
        bed.NextStep();
        var started = await bed.Replacement.StartAsync(account.Id, account.SessionId, bed.CodeOf(account.Secret), SettingsTestBed.Client);
        Assert.NotEqual(first.Enrollment, started.Enrollment);
        Assert.Equal(1, await bed.PendingCountAsync());
        var newSecret = Base32Encoding.ToBytes(started.Enrollment!.Base32Secret);
        var code = bed.CodeOf(newSecret, 1);

        var results = await AllAtOnce.RunAsync(6, () => bed.Replacement.ConfirmAsync(account.Id, account.SessionId, code, SettingsTestBed.Client));

        Assert.Single(results, r => r.Outcome == ReplacementOutcome.Done);
        Assert.Equal(0, await bed.PendingCountAsync());
        bed.NextStep();
        bed.NextStep();
        Assert.Equal(CodeStepOutcome.InvalidCode, (await bed.Database.Login.VerifyCodeAsync(account.Id, bed.CodeOf(account.Secret), SettingsTestBed.Client)).Outcome);
        Assert.Equal(CodeStepOutcome.Accepted, (await bed.Database.Login.VerifyCodeAsync(account.Id, bed.CodeOf(newSecret), SettingsTestBed.Client)).Outcome);
    }

    [Fact]
    public async Task ExpiredReplacementIsSweptAndCanNotBeConfirmed()
    {
        using var bed = await BedAsync();
        var account = await bed.EnrolledAccountAsync("pg-verlopen@example.com");
        var started = await bed.Replacement.StartAsync(account.Id, account.SessionId, bed.CodeOf(account.Secret), SettingsTestBed.Client);
        bed.Clock.Advance(AuthenticatorReplacementRepository.Lifetime);

        var result = await bed.Replacement.ConfirmAsync(account.Id, account.SessionId,
            bed.CodeOf(Base32Encoding.ToBytes(started.Enrollment!.Base32Secret)), SettingsTestBed.Client);

        Assert.Equal(ReplacementOutcome.Expired, result.Outcome);
        Assert.Equal(account.Secret, bed.Database.Secrets.Unprotect((await bed.BindingAsync(account.Id)).SecretProtected));
    }

    [Fact]
    public async Task PasswordChangeAndSignOutElsewhereWork()
    {
        using var bed = await BedAsync();
        var account = await bed.EnrolledAccountAsync("pg-wachtwoord@example.com");
        var other = await bed.Database.Sessions.CreateAsync(account.Id, "password+totp", "192.0.2.99", "elders");

        var changed = await bed.PasswordChange.ChangeAsync(account.Id,
            new PasswordChangeRequest(TestPasswords.Right, bed.CodeOf(account.Secret), "Nieuw wachtwoord op PostgreSQL", "Nieuw wachtwoord op PostgreSQL"),
            SettingsTestBed.Client);
        var live = await bed.Sessions.ListLiveAsync(account.Id, account.SessionId);
        var ended = await bed.Sessions.SignOutElsewhereAsync(account.Id, account.SessionId);

        Assert.Equal(PasswordChangeOutcome.Changed, changed.Outcome);
        Assert.Equal(2, live.Count);
        Assert.Equal(1, ended);
        Assert.False(bed.Database.Sessions.IsLive((await bed.Database.Sessions.GetAsync(other))!));
        Assert.True(Assert.Single(await bed.Sessions.ListLiveAsync(account.Id, account.SessionId)).IsCurrent);
    }
}
