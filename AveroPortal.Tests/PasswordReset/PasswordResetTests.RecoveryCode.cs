using AveroPortal.Core.Login;
using AveroPortal.Core.Recovery;

namespace AveroPortal.Tests.PasswordReset;

// The factor step with a recovery code instead of the app: the same lockout and single use; the done page only after a reset.
public sealed partial class PasswordResetTests
{
    private static Task<HttpResponseMessage> PostResetRecoveryCodeAsync(FormClient client, string code) =>
        client.PostFormAsync("/wachtwoord-herstellen", "reset-recovery", new Dictionary<string, string> { ["Recovery.Code"] = code });

    [Fact]
    public async Task ARecoveryCodeOnTheLinkPassesTheFactorOnceAndSendsTheRecoveryCodeMail()
    {
        var account = await _factory.CreateAccountAsync();
        var codes = await _factory.Get<RecoveryCodeSet>().IssueAsync(account.Id);
        var client = FormClient.For(_factory);
        var page = await OpenLinkAsync(client, await RequestLinkAsync(account));
        Assert.Contains("Ik heb mijn telefoon niet bij me", page, StringComparison.Ordinal);

        var accepted = await PostResetRecoveryCodeAsync(client, codes[0].ToLowerInvariant());
        var text = await accepted.TextAsync();

        Assert.Contains("new-password", await accepted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("nog 9 ongebruikte herstelcode", text, StringComparison.Ordinal);
        Assert.Equal(9, await _factory.Get<RecoveryCodeSet>().CountUnusedAsync(account.Id));
        var mail = await WaitForMailAsync(account.Email, 2);
        Assert.Contains("herstelcode", mail.Subject, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/dit-was-ik-niet", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal("/wachtwoord-herstellen/klaar", (await PostNewPasswordAsync(client, NewPassword)).Target().AbsolutePath);
        Assert.Equal("Uw wachtwoord is opnieuw ingesteld", (await WaitForMailAsync(account.Email, 3)).Subject);

        // The same code on a second link is spent: refused and counted, like a wrong authenticator code.
        var second = FormClient.For(_factory);
        await OpenLinkAsync(second, await RequestLinkAsync(account));
        var replayed = await PostResetRecoveryCodeAsync(second, codes[0]);
        Assert.Contains("Deze herstelcode klopt niet of is al gebruikt", await replayed.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, (await _factory.Get<AccountRepository>().GetAsync(account.Id))!.FailedCount);
    }

    [Fact]
    public async Task WrongRecoveryCodesOnTheLinkCountTowardsTheAccountsLockout()
    {
        var account = await _factory.CreateAccountAsync();
        var codes = await _factory.Get<RecoveryCodeSet>().IssueAsync(account.Id);
        var client = FormClient.For(_factory);
        await OpenLinkAsync(client, await RequestLinkAsync(account));

        var answers = new List<string>();
        for (var i = 0; i < LockoutPolicy.MaxFailures; i++)
        {
            answers.Add(await (await PostResetRecoveryCodeAsync(client, RecoveryCodes.Grouped(RecoveryCodes.Generate()[0]))).TextAsync());
        }

        Assert.All(answers.Take(LockoutPolicy.MaxFailures - 1), a => Assert.Contains("Deze herstelcode klopt niet", a, StringComparison.Ordinal));
        Assert.Contains("tijdelijk geblokkeerd", answers[^1], StringComparison.Ordinal);
        // Locked: even a right recovery code is refused now and stays unused.
        Assert.Contains("tijdelijk geblokkeerd", await (await PostResetRecoveryCodeAsync(client, codes[1])).TextAsync(), StringComparison.Ordinal);
        Assert.Equal(10, await _factory.Get<RecoveryCodeSet>().CountUnusedAsync(account.Id));
    }

    [Theory]
    [InlineData("")]
    [InlineData("ABCD")]
    public async Task AMalformedRecoveryCodeOnTheLinkGetsAMessageAndCountsNothing(string code)
    {
        var account = await _factory.CreateAccountAsync();
        await _factory.Get<RecoveryCodeSet>().IssueAsync(account.Id);
        var client = FormClient.For(_factory);
        await OpenLinkAsync(client, await RequestLinkAsync(account));

        var answer = await PostResetRecoveryCodeAsync(client, code);

        Assert.Equal(System.Net.HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains(code.Length == 0 ? "Vul een herstelcode in" : "Een herstelcode bestaat uit 24 letters en cijfers", await answer.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, (await _factory.Get<AccountRepository>().GetAsync(account.Id))!.FailedCount);
    }

    [Fact]
    public async Task TheDonePageOnlyShowsAfterAResetThisBrowserCompleted()
    {
        var stranger = await FormClient.For(_factory).Http.GetAsync("/wachtwoord-herstellen/klaar");
        Assert.Equal("/inloggen", stranger.Target().AbsolutePath);

        var account = await _factory.CreateAccountAsync(Portals.Business, enrolled: false);
        var client = FormClient.For(_factory);
        await OpenLinkAsync(client, await RequestLinkAsync(account));
        // A link that was opened but not used yet does not make the page claim a change.
        Assert.Equal("/inloggen", (await client.Http.GetAsync("/wachtwoord-herstellen/klaar")).Target().AbsolutePath);
        await OpenLinkAsync(client, await RequestLinkAsync(account));
        Assert.Equal("/wachtwoord-herstellen/klaar", (await PostNewPasswordAsync(client, NewPassword)).Target().AbsolutePath);

        var done = await client.GetAsync("/wachtwoord-herstellen/klaar");
        Assert.Contains("href=\"/inloggen/zakelijk\"", done, StringComparison.Ordinal);
        // Once: the cookie went with the first view.
        Assert.Equal("/inloggen", (await client.Http.GetAsync("/wachtwoord-herstellen/klaar")).Target().AbsolutePath);
    }
}
