using System.Net;
using System.Text.RegularExpressions;
using AveroPortal.Core.Email;
using AveroPortal.Core.Login;
using AveroPortal.Core.Recovery;

namespace AveroPortal.Tests.Recovery;

/// <summary>The recovery-code pages through their HTTP forms, as a browser without JavaScript posts them.</summary>
public sealed partial class RecoveryCodePagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string RecoveryPath = "/inloggen/herstelcode";

    private async Task<(TestAccount Account, IReadOnlyList<string> Codes)> AccountWithCodesAsync()
    {
        var account = await factory.CreateAccountAsync();
        return (account, await factory.Get<RecoveryCodeSet>().IssueAsync(account.Id));
    }

    private static async Task<FormClient> PasswordDoneAsync(PortalFactory factory, TestAccount account)
    {
        var client = FormClient.For(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostPasswordAsync(account.PortalSlug, account.Email, account.Password)).StatusCode);
        return client;
    }

    private static Task<HttpResponseMessage> PostRecoveryCodeAsync(FormClient client, string code) =>
        client.PostFormAsync(RecoveryPath, "recovery", new Dictionary<string, string> { ["Model.Code"] = code });

    [Fact]
    public async Task TheCodeStepOffersTheRecoveryCodeRoute()
    {
        var (account, _) = await AccountWithCodesAsync();
        var client = await PasswordDoneAsync(factory, account);

        var page = await client.GetAsync("/inloggen/code");

        Assert.Contains("href=\"/inloggen/herstelcode\"", page);
        Assert.Contains("Ik heb mijn telefoon niet bij me", WebUtility.HtmlDecode(page));
    }

    [Fact]
    public async Task ARecoveryCodeCompletesTheLoginSaysHowManyAreLeftAndSendsAMail()
    {
        var (account, codes) = await AccountWithCodesAsync();
        var client = await PasswordDoneAsync(factory, account);

        var response = await PostRecoveryCodeAsync(client, codes[4].ToLowerInvariant());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.SetsCookie(Responses.SessionCookie));
        var text = await response.TextAsync();
        Assert.Contains("U heeft nog 9 ongebruikte herstelcodes", text);
        Assert.Contains("href=\"/instellingen/herstelcodes\"", text);
        var session = Assert.Single(await factory.SessionsAsync(account.Id));
        Assert.Null(session.EndedAt);
        Assert.Equal(LoginOutcomes.Success, await factory.LastOutcomeAsync(account.Id));
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/mijn-overzicht")).StatusCode);
        var mail = (await factory.Get<OutboxRepository>().LatestAsync()).First(m => m.ToAddress == account.Email);
        Assert.Equal("U heeft ingelogd met een herstelcode", mail.Subject);
        Assert.Contains("nog 9 ongebruikte herstelcodes", mail.TextBody);
    }

    [Fact]
    public async Task AUsedRecoveryCodeIsRefusedAndStartsNoSession()
    {
        var (account, codes) = await AccountWithCodesAsync();
        Assert.NotNull((await PostRecoveryCodeAsync(await PasswordDoneAsync(factory, account), codes[0])).SetsCookie(Responses.SessionCookie));

        var replayed = await PostRecoveryCodeAsync(await PasswordDoneAsync(factory, account), codes[0]);

        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Null(replayed.SetsCookie(Responses.SessionCookie));
        Assert.Equal("Deze herstelcode klopt niet of is al gebruikt. Controleer de code en probeer het opnieuw.",
            FormClient.ErrorText(await replayed.Content.ReadAsStringAsync()));
        Assert.Equal(LoginOutcomes.WrongRecoveryCode, await factory.LastOutcomeAsync(account.Id));
        Assert.Single(await factory.SessionsAsync(account.Id));
    }

    [Fact]
    public async Task ARecoveryCodeOfAnotherAccountIsRefusedAndCounted()
    {
        var (account, _) = await AccountWithCodesAsync();
        var (other, otherCodes) = await AccountWithCodesAsync();

        var response = await PostRecoveryCodeAsync(await PasswordDoneAsync(factory, account), otherCodes[0]);

        Assert.Null(response.SetsCookie(Responses.SessionCookie));
        Assert.Empty(await factory.SessionsAsync(account.Id));
        Assert.Equal(1, (await factory.AccountAsync(account.Id)).FailedCount);
        Assert.Equal(10, await factory.Get<RecoveryCodeSet>().CountUnusedAsync(other.Id));
    }

    [Fact]
    public async Task WithoutAPasswordStepTheRecoveryPageSendsToTheLogin()
    {
        var response = await FormClient.For(factory).Http.GetAsync(RecoveryPath);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/inloggen", response.Target().AbsolutePath);
    }

    [Fact]
    public async Task TheEnrollmentConfirmationSignsInAndShowsTenNewCodesOnce()
    {
        var account = await factory.CreateAccountAsync(enrolled: false);
        var client = await PasswordDoneAsync(factory, account);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/inloggen/koppelen")).StatusCode);
        var enrolled = account with { Secret = await SecretOfAsync(account.Id) };

        var confirmed = await client.PostFormAsync("/inloggen/koppelen", "enroll", new Dictionary<string, string> { ["Model.Code"] = enrolled.Code() });

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.NotNull(confirmed.SetsCookie(Responses.SessionCookie));
        var shown = ShownCodes(await confirmed.TextAsync());
        Assert.Equal(10, shown.Count);
        Assert.Equal(10, await factory.Get<RecoveryCodeSet>().CountUnusedAsync(account.Id));
        Assert.Empty(ShownCodes(await client.GetAsync("/mijn-overzicht")));
    }

    [Fact]
    public async Task RegeneratingInTheSettingsShowsANewSetAndTheOldOneStopsWorking()
    {
        var (account, old) = await AccountWithCodesAsync();
        var client = FormClient.For(factory);
        await client.LoginAsync(account);

        var response = await client.PostFormAsync("/instellingen/herstelcodes", "recovery-regenerate",
            new Dictionary<string, string> { ["Model.Code"] = account.Code(1) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fresh = ShownCodes(await response.TextAsync());
        Assert.Equal(10, fresh.Count);
        Assert.Empty(fresh.Intersect(old));
        Assert.Equal(CodeStepOutcome.InvalidCode, (await factory.Get<PasswordLogin>().CompleteWithRecoveryCodeAsync(
            await StartPendingAsync(account.Id), old[0], ClientInfo.Of(null, null))).Outcome);
        Assert.Equal(CodeStepOutcome.Accepted, (await factory.Get<PasswordLogin>().CompleteWithRecoveryCodeAsync(
            await StartPendingAsync(account.Id), fresh[0], ClientInfo.Of(null, null))).Outcome);
    }

    [Fact]
    public async Task WithThreeOrFewerCodesLeftTheOverviewAndTheSettingsWarn()
    {
        var (account, codes) = await AccountWithCodesAsync();
        var client = FormClient.For(factory);
        await client.LoginAsync(account);
        Assert.DoesNotContain("data-testid=\"recovery-low\"", await client.GetAsync("/mijn-overzicht"));

        foreach (var code in codes.Take(7))
        {
            Assert.Equal(CodeStepOutcome.Accepted, (await factory.Get<PasswordLogin>().CompleteWithRecoveryCodeAsync(
                await StartPendingAsync(account.Id), code, ClientInfo.Of(null, null))).Outcome);
        }

        Assert.Contains("data-testid=\"recovery-low\"", await client.GetAsync("/mijn-overzicht"));
        var settings = WebUtility.HtmlDecode(await client.GetAsync("/instellingen/herstelcodes"));
        Assert.Contains("data-testid=\"recovery-low\"", settings);
        Assert.Contains("U heeft nog 3 ongebruikte herstelcode(s).", settings);
    }

    [Fact]
    public async Task TheSupportDeskSeesHowManyUnusedCodesAnAccountHasButNeverTheCodes()
    {
        var (account, codes) = await AccountWithCodesAsync();
        await PostRecoveryCodeAsync(await PasswordDoneAsync(factory, account), codes[0]);
        var agent = FormClient.For(factory);
        await agent.LoginAsync(await factory.CreateStaffAsync());

        var page = await agent.GetAsync($"/support/klant/{(await factory.AccountAsync(account.Id)).CustomerId}");

        Assert.Contains("data-testid=\"recovery-codes-unused\">9<", page);
        Assert.All(codes, code => Assert.DoesNotContain(code, page));
    }

    private async Task<string> StartPendingAsync(long accountId) =>
        await factory.Get<PasswordLogin>().StartPendingAsync(await factory.AccountAsync(accountId), null);

    private async Task<byte[]> SecretOfAsync(long accountId)
    {
        var binding = await factory.Get<AuthenticatorRepository>().GetAsync(accountId);
        return factory.Get<AuthenticatorSecrets>().Unprotect(binding!.SecretProtected);
    }

    private static List<string> ShownCodes(string html) => [.. ShownCode().Matches(html).Select(m => m.Groups[1].Value)];

    [GeneratedRegex("<li><code>([0-9A-Z]{4}(?:-[0-9A-Z]{4}){5})</code></li>")]
    private static partial Regex ShownCode();
}
