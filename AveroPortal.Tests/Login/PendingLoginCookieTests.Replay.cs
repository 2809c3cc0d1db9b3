using System.Net;
using AveroPortal.Core.Invitations;
using AveroPortal.Core.Login;
using Microsoft.Net.Http.Headers;

namespace AveroPortal.Tests.Login;

// A saved pending-login or account-creation cookie, replayed after a log-out, a sign-in or an enrollment.
public sealed partial class PendingLoginCookieTests
{
    [Fact]
    public async Task ReplayedPendingLoginCookieAfterLogoutDoesNotSignInAgain()
    {
        // The issue's steps: save the cookie after the password step; finish the code step; log out; a fresh browser
        // with only the saved cookie opens the code step and posts the next code.
        var account = await factory.CreateAccountAsync();
        var victim = FormClient.For(factory);
        var saved = await PasswordStepAsync(victim, account);
        Assert.Equal("/mijn-overzicht", (await victim.PostCodeAsync(account.Code())).Target().AbsolutePath);
        await LogoutAsync(victim);
        var attacker = FreshBrowserWith(saved);

        var opened = await attacker.Http.GetAsync("/inloggen/code");
        // The portal deleted the cookie on that answer; an attacker simply sends the saved copy again.
        var posted = await PostCodeWithoutTheCodePageAsync(FreshBrowserWith(saved), account.Code(1));

        Assert.Equal("/inloggen/particulier", opened.Target().AbsolutePath);
        Assert.Equal("1", opened.Target().QueryValue("verlopen"));
        Assert.Equal("/inloggen/particulier", posted.Target().AbsolutePath);
        Assert.Null(posted.SetsCookie(Responses.SessionCookie));
        Assert.Equal("/inloggen", (await attacker.Http.GetAsync("/mijn-overzicht")).Target().AbsolutePath);
        Assert.NotNull(Assert.Single(await factory.SessionsAsync(account.Id)).EndedAt);
        // The replay's code was never checked (nothing was left to check it for): it still opens a real, new login.
        var again = FormClient.For(factory);
        await PasswordStepAsync(again, account);
        Assert.Equal("/mijn-overzicht", (await again.PostCodeAsync(account.Code(1))).Target().AbsolutePath);
    }

    [Fact]
    public async Task ReplayedPendingLoginCookieWithoutLogoutDoesNotStartASecondSession()
    {
        var account = await factory.CreateAccountAsync(Portals.Business);
        var victim = FormClient.For(factory);
        var saved = await PasswordStepAsync(victim, account);
        Assert.Equal("/mijn-overzicht", (await victim.PostCodeAsync(account.Code())).Target().AbsolutePath);

        var posted = await PostCodeWithoutTheCodePageAsync(FreshBrowserWith(saved), account.Code(1));

        Assert.Equal("/inloggen/zakelijk", posted.Target().AbsolutePath);
        Assert.Null(posted.SetsCookie(Responses.SessionCookie));
        Assert.Single(await factory.SessionsAsync(account.Id));
    }

    [Fact]
    public async Task ReplayedPendingLoginCookieLandsOnThePasswordStepWithADutchMessage()
    {
        var account = await factory.CreateAccountAsync();
        var victim = FormClient.For(factory);
        var saved = await PasswordStepAsync(victim, account);
        await victim.PostCodeAsync(account.Code());
        var attacker = FreshBrowserWith(saved);

        var opened = await attacker.Http.GetAsync("/inloggen/code");
        var page = await attacker.Http.GetAsync(opened.Target().PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var text = await page.TextAsync();
        Assert.Contains(ExpiredMessage, text, StringComparison.Ordinal);
        Assert.Contains("name=\"Model.Password\"", text, StringComparison.Ordinal);
        // The cookie that pointed nowhere is deleted, not kept.
        Assert.Contains(opened.Headers.GetValues(HeaderNames.SetCookie), c => c.StartsWith(Responses.PendingCookie + "=;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PasswordPageWithoutTheFlagShowsNoExpiryMessage()
    {
        var text = await (await FormClient.For(factory).Http.GetAsync("/inloggen/particulier")).TextAsync();

        Assert.DoesNotContain(ExpiredMessage, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayedPendingLoginCookieAfterEnrollmentDoesNotSignInAgain()
    {
        var account = await factory.CreateAccountAsync(enrolled: false);
        var client = FormClient.For(factory);
        var saved = await PasswordStepAsync(client, account);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/inloggen/koppelen")).StatusCode);
        var secret = await SecretOfAsync(account.Id);
        var enrolled = account with { Secret = secret };

        var confirmed = await client.PostFormAsync("/inloggen/koppelen", "enroll", new Dictionary<string, string> { ["Model.Code"] = enrolled.Code() });
        var replayed = await PostCodeWithoutTheCodePageAsync(FreshBrowserWith(saved), enrolled.Code(1));

        // The confirmation signs in in its own response, which shows the first recovery codes once.
        Assert.NotNull(confirmed.SetsCookie(Responses.SessionCookie));
        Assert.Contains("data-testid=\"recovery-continue\"", await confirmed.Content.ReadAsStringAsync());
        Assert.Equal("/inloggen/particulier", replayed.Target().AbsolutePath);
        Assert.Null(replayed.SetsCookie(Responses.SessionCookie));
        Assert.Single(await factory.SessionsAsync(account.Id));
    }

    [Fact]
    public async Task ReplayedAccountCreationCookieDoesNotSignInAfterTheEnrollment()
    {
        var customerId = await factory.CreateCustomerAsync();
        var email = $"nieuw-{Guid.NewGuid():N}@example.com";
        var issued = await factory.Get<InvitationRepository>().IssueAsync(
            new NewInvitation(InvitationKinds.AccountCreation, email, "Nieuwe Klant", Portals.Private, customerId, null, null, null));
        var client = FormClient.For(factory);
        const string password = "Wandelen langs de Zwette 7";

        var created = await client.PostFormAsync("/account-aanmaken?token=" + issued.Token, "create-account",
            new Dictionary<string, string> { ["Model.Password"] = password, ["Model.Repeat"] = password });
        var saved = created.SetsCookie(Responses.PendingCookie)!;
        Assert.Equal("/inloggen/koppelen", created.Target().AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/inloggen/koppelen")).StatusCode);
        var account = (await factory.Get<AccountRepository>().FindByEmailAsync(email))!;
        var enrolled = new TestAccount(account.Id, Portals.Private, email, password, await SecretOfAsync(account.Id));
        Assert.NotNull((await client.PostFormAsync("/inloggen/koppelen", "enroll",
            new Dictionary<string, string> { ["Model.Code"] = enrolled.Code() })).SetsCookie(Responses.SessionCookie));

        var replayed = await PostCodeWithoutTheCodePageAsync(FreshBrowserWith(saved), enrolled.Code(1));
        var linkAgain = await FormClient.For(factory).GetAsync("/account-aanmaken?token=" + issued.Token);

        Assert.Equal("/inloggen/particulier", replayed.Target().AbsolutePath);
        Assert.Null(replayed.SetsCookie(Responses.SessionCookie));
        Assert.Single(await factory.SessionsAsync(account.Id));
        Assert.Contains("data-testid=\"link-error\"", linkAgain, StringComparison.Ordinal);
    }
}
