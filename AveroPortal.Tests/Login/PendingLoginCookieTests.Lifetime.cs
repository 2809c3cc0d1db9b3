using System.Net;
using AveroPortal.Blazor.Sessions;
using AveroPortal.Core.Data;
using AveroPortal.Core.Login;
using Dapper;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace AveroPortal.Tests.Login;

// What ends a pending login (a new password step, a log-out, a stamp change, expiry) and what the cookie carries.
public sealed partial class PendingLoginCookieTests
{
    [Fact]
    public async Task ParallelCodePostsOfOnePendingLoginStartExactlyOneSession()
    {
        var account = await factory.CreateAccountAsync();
        var pending = await PasswordStepAsync(FormClient.For(factory), account);
        // Every post carries the cookies the browser had before any answer came back. A shared cookie jar would hand a
        // late post the winner's session cookie, and its anonymous anti-forgery token would then be refused.
        using var raw = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var pageRequest = new HttpRequestMessage(HttpMethod.Get, "/inloggen/code");
        pageRequest.Headers.Add(HeaderNames.Cookie, $"{pending.Name}={pending.Value}");
        using var page = await raw.SendAsync(pageRequest);
        var antiforgery = SetCookieHeaderValue.ParseList(page.Headers.GetValues(HeaderNames.SetCookie).ToList())
            .Single(c => c.Name.Value!.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        var cookies = $"{pending.Name}={pending.Value}; {antiforgery.Name}={antiforgery.Value}";
        var token = FormClient.AntiforgeryToken(await page.Content.ReadAsStringAsync());
        // This step's code and the next one's: without a single-use pending login both could sign in, one after the other.
        var codes = new[] { account.Code(), account.Code(1) };
        var n = 0;

        // Four: every attempt counts on the lockout before it is checked, and five failures would lock the account.
        var responses = await AllAtOnce.RunAsync(4, () =>
        {
            var post = new HttpRequestMessage(HttpMethod.Post, "/inloggen/code")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["_handler"] = "code",
                    ["Model.Code"] = codes[Interlocked.Increment(ref n) % 2],
                    ["__RequestVerificationToken"] = token,
                }),
            };
            post.Headers.Add(HeaderNames.Cookie, cookies);
            return raw.SendAsync(post);
        });

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
}
