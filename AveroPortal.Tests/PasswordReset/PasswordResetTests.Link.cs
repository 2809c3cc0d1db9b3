using System.Net;
using AveroPortal.Core.Data;
using AveroPortal.Core.Login;
using Dapper;

namespace AveroPortal.Tests.PasswordReset;

// The link's steps: the factor first (through the lockout), then the password; single use, expiry, sessions end.
public sealed partial class PasswordResetTests
{
    private async Task<string> PasswordHashAsync(long accountId) => (await _factory.Get<AccountRepository>().GetAsync(accountId))!.PasswordHash;

    [Fact]
    public async Task TheLinkAloneCanNotResetAnEnrolledAccount()
    {
        var account = await _factory.CreateAccountAsync();
        var before = await PasswordHashAsync(account.Id);
        var client = FormClient.For(_factory);

        var link = await RequestLinkAsync(account);
        var page = await OpenLinkAsync(client, link);
        Assert.Contains("Vul eerst een code uit uw authenticator-app in", page, StringComparison.Ordinal);
        Assert.DoesNotContain("new-password", page, StringComparison.Ordinal);
        // A forged post of the password form, with the page's own token: refused, nothing changed.
        var token = FormClient.AntiforgeryToken(await client.GetAsync("/wachtwoord-herstellen"));
        var forged = await client.Http.PostAsync("/wachtwoord-herstellen", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "reset-password", ["__RequestVerificationToken"] = token, ["Model.Password"] = NewPassword, ["Model.Repeat"] = NewPassword,
        }));

        Assert.NotEqual(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.Equal(before, await PasswordHashAsync(account.Id));
        Assert.Equal(Core.PasswordReset.ResetOutcome.InvalidLink,
            (await _factory.Get<Core.PasswordReset.PasswordResetLink>().SetPasswordAsync(
                new Uri(link).QueryValue("token"), NewPassword, NewPassword, ClientInfo.Of("192.0.2.1", "xunit"))).Outcome);
        Assert.Equal(before, await PasswordHashAsync(account.Id));
    }

    [Fact]
    public async Task CodeThenPasswordResetsEndsEverySessionAndSignsNobodyIn()
    {
        var account = await _factory.CreateAccountAsync(Portals.Business);
        var phone = FormClient.For(_factory);
        await phone.LoginAsync(account);
        Assert.Equal(HttpStatusCode.OK, (await phone.Http.GetAsync("/mijn-overzicht")).StatusCode);
        var client = FormClient.For(_factory);
        await OpenLinkAsync(client, await RequestLinkAsync(account));

        var code = await PostResetCodeAsync(client, account.Code(1));
        Assert.Contains("new-password", await code.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var common = await PostNewPasswordAsync(client, "password123");
        Assert.Contains("veel gebruikt", (await common.TextAsync()).ToLowerInvariant(), StringComparison.Ordinal);
        var done = await PostNewPasswordAsync(client, NewPassword);

        Assert.Equal("/wachtwoord-herstellen/klaar", done.Target().AbsolutePath);
        Assert.Null(done.SetsCookie(Responses.SessionCookie));
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/mijn-overzicht")).StatusCode);
        var old = await phone.Http.GetAsync("/mijn-overzicht");
        Assert.Equal("/inloggen", old.Target().AbsolutePath);
        var mail = await WaitForMailAsync(account.Email, 2);
        Assert.Equal("Uw wachtwoord is opnieuw ingesteld", mail.Subject);
        Assert.Contains("overal uitgelogd", mail.TextBody, StringComparison.Ordinal);
        // The new password works, with the code as always.
        var login = await FormClient.For(_factory).PostPasswordAsync(account.PortalSlug, account.Email, NewPassword);
        Assert.Equal("/inloggen/code", login.Target().AbsolutePath);
    }

    [Fact]
    public async Task AUsedLinkSaysSoAndDoesNothingMore()
    {
        var account = await _factory.CreateAccountAsync(enrolled: false);
        var link = await RequestLinkAsync(account);
        var client = FormClient.For(_factory);
        await OpenLinkAsync(client, link);
        Assert.Equal(HttpStatusCode.Redirect, (await PostNewPasswordAsync(client, NewPassword)).StatusCode);
        var hash = await PasswordHashAsync(account.Id);

        var again = await OpenLinkAsync(FormClient.For(_factory), link);

        Assert.Contains("Deze link is al gebruikt", again, StringComparison.Ordinal);
        Assert.Equal(hash, await PasswordHashAsync(account.Id));
    }

    [Fact]
    public async Task AnExpiredLinkSaysSoAndOffersANewOne()
    {
        var account = await _factory.CreateAccountAsync();
        var link = await RequestLinkAsync(account);
        await using (var connection = await _factory.Get<Db>().OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE password_resets SET expires_at = created_at - 1");
        }

        var page = await OpenLinkAsync(FormClient.For(_factory), link);

        Assert.Contains("Deze link is verlopen", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"_handler\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAccountWithoutAnAuthenticatorResetsWithTheLinkAloneAndEnrollsAtItsNextLogin()
    {
        var account = await _factory.CreateAccountAsync(enrolled: false);
        var client = FormClient.For(_factory);

        var page = await OpenLinkAsync(client, await RequestLinkAsync(account));
        Assert.Contains("new-password", page, StringComparison.Ordinal);
        Assert.Equal("/wachtwoord-herstellen/klaar", (await PostNewPasswordAsync(client, NewPassword)).Target().AbsolutePath);

        var login = await FormClient.For(_factory).PostPasswordAsync(account.PortalSlug, account.Email, NewPassword);
        Assert.Equal("/inloggen/koppelen", login.Target().AbsolutePath);
    }

    [Fact]
    public async Task WrongCodesOnTheLinkCountTowardsTheAccountsLockout()
    {
        var account = await _factory.CreateAccountAsync();
        var client = FormClient.For(_factory);
        await OpenLinkAsync(client, await RequestLinkAsync(account));

        var answers = new List<string>();
        for (var i = 0; i < LockoutPolicy.MaxFailures; i++)
        {
            answers.Add(await (await PostResetCodeAsync(client, WrongCode(account))).TextAsync());
        }

        Assert.All(answers.Take(LockoutPolicy.MaxFailures - 1), a => Assert.Contains("Deze code klopt niet", a, StringComparison.Ordinal));
        Assert.Contains("tijdelijk geblokkeerd", answers[^1], StringComparison.Ordinal);
        Assert.NotNull((await _factory.Get<AccountRepository>().GetAsync(account.Id))!.LockoutEnd);
        // The lock is the account's: the login is locked too, and the right code on the link is refused now.
        var login = await FormClient.For(_factory).PostPasswordAsync(account.PortalSlug, account.Email, account.Password);
        Assert.Contains("tijdelijk geblokkeerd", await login.TextAsync(), StringComparison.Ordinal);
        Assert.Contains("tijdelijk geblokkeerd", await (await PostResetCodeAsync(client, account.Code(1))).TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACodeAlreadyUsedToLogInIsRefusedAndCounted()
    {
        var account = await _factory.CreateAccountAsync();
        await FormClient.For(_factory).LoginAsync(account);
        var client = FormClient.For(_factory);
        await OpenLinkAsync(client, await RequestLinkAsync(account));

        var replayed = await PostResetCodeAsync(client, account.Code());

        Assert.Contains("Deze code klopt niet of is al gebruikt", await replayed.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, (await _factory.Get<AccountRepository>().GetAsync(account.Id))!.FailedCount);
    }

    /// <summary>A code the account's app shows at none of the steps the check accepts.</summary>
    private static string WrongCode(TestAccount account) =>
        Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(c => c != account.Code(-1) && c != account.Code() && c != account.Code(1));
}
