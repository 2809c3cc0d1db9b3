using System.Net;
using AveroPortal.Blazor.Sessions;
using AveroPortal.Core.Data;
using AveroPortal.Core.Invitations;
using AveroPortal.Core.Login;
using Dapper;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AveroPortal.Tests.Login;

/// <summary>
/// The "password accepted" cookie over HTTP (issue 11, point 1): it points to a server-side record that the code step
/// or the enrollment uses up, so a saved copy signs no one in, before or after a log-out.
/// </summary>
public sealed class PendingLoginCookieTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string ExpiredMessage = "Deze inlogpoging is verlopen, al gebruikt of beëindigd";

    /// <summary>A fresh browser that holds nothing but the given cookies (and what the portal sets from then on).</summary>
    private FormClient FreshBrowserWith(params SetCookieHeaderValue[] cookies)
    {
        var jar = new CookieContainer();
        foreach (var cookie in cookies)
        {
            jar.Add(new Uri("http://localhost"), new Cookie(cookie.Name.ToString(), cookie.Value.ToString()));
        }

        return new FormClient(factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(jar)));
    }

    private static async Task<SetCookieHeaderValue> PasswordStepAsync(FormClient client, TestAccount account)
    {
        var password = await client.PostFormAsync(account.LoginPath, "password",
            new Dictionary<string, string> { ["Model.Email"] = account.Email, ["Model.Password"] = account.Password });
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        return password.SetsCookie(Responses.PendingCookie) ?? throw new InvalidOperationException("No pending cookie.");
    }

    private static async Task LogoutAsync(FormClient client)
    {
        var token = FormClient.AntiforgeryToken(await client.GetAsync("/mijn-overzicht"));
        var logout = await client.Http.PostAsync("/uitloggen", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal("/", logout.Target().AbsolutePath);
    }

    /// <summary>
    /// Posts a code with whatever pending cookie the browser holds. The code page itself sends a browser without an
    /// open pending login away, so the anti-forgery token comes from the password page, as an attacker would take it.
    /// </summary>
    private static async Task<HttpResponseMessage> PostCodeWithoutTheCodePageAsync(FormClient client, string code)
    {
        var token = FormClient.AntiforgeryToken(await client.GetAsync("/inloggen/particulier"));
        return await client.Http.PostAsync("/inloggen/code", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "code",
            ["Model.Code"] = code,
            ["__RequestVerificationToken"] = token,
        }));
    }

    private async Task<long> PendingRowsAsync(long accountId)
    {
        await using var connection = await factory.Get<Db>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pending_logins WHERE account_id = @AccountId", new { AccountId = accountId });
    }

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
    public async Task ParallelCodePostsOfOnePendingLoginStartExactlyOneSession()
    {
        var account = await factory.CreateAccountAsync();
        var client = FormClient.For(factory);
        await PasswordStepAsync(client, account);
        var token = FormClient.AntiforgeryToken(await client.GetAsync("/inloggen/code"));
        // This step's code and the next one's: without a single-use pending login both could sign in, one after the other.
        var codes = new[] { account.Code(), account.Code(1) };
        var n = 0;

        // Four: every attempt counts on the lockout before it is checked, and five failures would lock the account.
        var responses = await AllAtOnce.RunAsync(4, () => client.Http.PostAsync("/inloggen/code", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "code",
            ["Model.Code"] = codes[Interlocked.Increment(ref n) % 2],
            ["__RequestVerificationToken"] = token,
        })));

        Assert.Single(responses, r => r.SetsCookie(Responses.SessionCookie) is not null);
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, r.StatusCode.ToString()));
        Assert.Single(await factory.SessionsAsync(account.Id));
        Assert.Equal(0, await PendingRowsAsync(account.Id));
    }

    [Fact]
    public async Task NewPasswordStepEndsThePendingLoginOfTheFirstBrowser()
    {
        var account = await factory.CreateAccountAsync();
        var first = FormClient.For(factory);
        var second = FormClient.For(factory);
        await PasswordStepAsync(first, account);
        await PasswordStepAsync(second, account);

        var older = await first.Http.GetAsync("/inloggen/code");
        var newer = await second.PostCodeAsync(account.Code());

        Assert.Equal("/inloggen/particulier", older.Target().AbsolutePath);
        Assert.Equal("/mijn-overzicht", newer.Target().AbsolutePath);
        Assert.Single(await factory.SessionsAsync(account.Id));
    }

    [Fact]
    public async Task LogoutEndsAPendingLoginOfTheSameAccountInAnotherBrowser()
    {
        var account = await factory.CreateAccountAsync();
        var signedIn = FormClient.For(factory);
        await signedIn.LoginAsync(account);
        var elsewhere = FormClient.For(factory);
        await PasswordStepAsync(elsewhere, account);

        await LogoutAsync(signedIn);
        var posted = await PostCodeWithoutTheCodePageAsync(elsewhere, account.Code(1));

        Assert.Equal("/inloggen/particulier", posted.Target().AbsolutePath);
        Assert.Null(posted.SetsCookie(Responses.SessionCookie));
        Assert.Equal(0, await PendingRowsAsync(account.Id));
    }

    [Fact]
    public async Task SecurityStampChangeEndsThePendingLogin()
    {
        var account = await factory.CreateAccountAsync();
        var client = FormClient.For(factory);
        await PasswordStepAsync(client, account);
        var token = FormClient.AntiforgeryToken(await client.GetAsync("/inloggen/code"));

        // What the Supportdesk's unlink (and any other stamp change) does to the account.
        await factory.Get<AccountRepository>().ChangeSecurityStampAsync(account.Id);
        var posted = await client.Http.PostAsync("/inloggen/code", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "code",
            ["Model.Code"] = account.Code(),
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal("/inloggen/particulier", posted.Target().AbsolutePath);
        Assert.Null(posted.SetsCookie(Responses.SessionCookie));
        Assert.Empty(await factory.SessionsAsync(account.Id));
    }

    [Fact]
    public async Task ExpiredPendingLoginLandsOnThePasswordStep()
    {
        var account = await factory.CreateAccountAsync();
        var client = FormClient.For(factory);
        await PasswordStepAsync(client, account);
        await using (var connection = await factory.Get<Db>().OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE pending_logins SET expires_at = @Past WHERE account_id = @AccountId",
                new { Past = DateTimeOffset.UtcNow.AddSeconds(-1).ToUnixTimeSeconds(), AccountId = account.Id });
        }

        var opened = await client.Http.GetAsync("/inloggen/code");

        Assert.Equal("/inloggen/particulier", opened.Target().AbsolutePath);
        Assert.Equal("1", opened.Target().QueryValue("verlopen"));
    }

    [Theory]
    [InlineData("onzin")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task UnknownPendingCookieLandsOnTheLoginStartWithAMessage(string value)
    {
        var client = FreshBrowserWith(new SetCookieHeaderValue(Responses.PendingCookie, value));

        var opened = await client.Http.GetAsync("/inloggen/code");
        var enroll = await client.Http.GetAsync("/inloggen/koppelen");

        Assert.Equal("/inloggen?verlopen=1", opened.Target().PathAndQuery);
        Assert.Equal("/inloggen?verlopen=1", enroll.Target().PathAndQuery);
        Assert.Contains("Uw inlogpoging is verlopen", await client.GetAsync("/inloggen?verlopen=1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PendingCookieCarriesOnlyARandomIdAndThePortalAndLivesFiveMinutes()
    {
        var account = await factory.CreateAccountAsync();
        var client = FormClient.For(factory);

        var cookie = await PasswordStepAsync(client, account);

        var options = factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(LoginAuthentication.PendingScheme);
        var ticket = options.TicketDataFormat.Unprotect(cookie.Value.ToString())!;
        Assert.Equal(["pending", "portal"], ticket.Principal.Claims.Select(c => c.Type).Order());
        Assert.Equal(PendingLoginRepository.TokenLength, ticket.Principal.FindFirst("pending")!.Value.Length);
        Assert.Equal(Portals.Private, ticket.Principal.FindFirst("portal")!.Value);
        Assert.DoesNotContain(ticket.Principal.Claims, c => c.Value == account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(ticket.Properties.ExpiresUtc - ticket.Properties.IssuedUtc <= TimeSpan.FromMinutes(5));
        Assert.Equal(1, await PendingRowsAsync(account.Id));
    }

    [Fact]
    public async Task ReturnUrlOfThePasswordStepIsKeptOnTheServerAndFollowedOnce()
    {
        var account = await factory.CreateAccountAsync();
        var client = FormClient.For(factory);
        var password = await client.PostFormAsync(account.LoginPath + "?ReturnUrl=%2Finstellingen", "password",
            new Dictionary<string, string> { ["Model.Email"] = account.Email, ["Model.Password"] = account.Password });
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);

        var code = await client.PostCodeAsync(account.Code());

        Assert.Equal("/instellingen", code.Target().AbsolutePath);
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

        Assert.Equal("/mijn-overzicht", confirmed.Target().AbsolutePath);
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
        Assert.Equal("/mijn-overzicht", (await client.PostFormAsync("/inloggen/koppelen", "enroll",
            new Dictionary<string, string> { ["Model.Code"] = enrolled.Code() })).Target().AbsolutePath);

        var replayed = await PostCodeWithoutTheCodePageAsync(FreshBrowserWith(saved), enrolled.Code(1));
        var linkAgain = await FormClient.For(factory).GetAsync("/account-aanmaken?token=" + issued.Token);

        Assert.Equal("/inloggen/particulier", replayed.Target().AbsolutePath);
        Assert.Null(replayed.SetsCookie(Responses.SessionCookie));
        Assert.Single(await factory.SessionsAsync(account.Id));
        Assert.Contains("data-testid=\"link-error\"", linkAgain, StringComparison.Ordinal);
    }

    private async Task<byte[]> SecretOfAsync(long accountId)
    {
        var binding = (await factory.Get<AuthenticatorRepository>().GetAsync(accountId))!;
        return factory.Get<AuthenticatorSecrets>().Unprotect(binding.SecretProtected);
    }
}
