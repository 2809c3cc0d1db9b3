using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Net.Http.Headers;

namespace AveroPortal.Tests.Sessions;

public sealed class LoginCookieTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private FormClient HttpsClient() =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false }));

    [Fact]
    public async Task SessionCookieIsAnHttpOnlyLaxBrowserSessionCookieForTheWholeSite()
    {
        var account = await factory.CreateAccountAsync();

        var login = await FormClient.For(factory).LoginAsync(account);

        var cookie = login.SetsCookie(Responses.SessionCookie);
        Assert.NotNull(cookie);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteMode.Lax, cookie.SameSite);
        Assert.Null(cookie.Expires);
        Assert.Null(cookie.MaxAge);
        Assert.Equal("/", cookie.Path.ToString());
    }

    [Fact]
    public async Task CookiesAreSecureOverHttps()
    {
        var account = await factory.CreateAccountAsync();
        var client = HttpsClient();

        var password = await client.PostPasswordAsync(account.PortalSlug, account.Email, account.Password);
        var code = await client.PostCodeAsync(account.Code());

        Assert.True(password.SetsCookie(Responses.PendingCookie)?.Secure);
        Assert.True(code.SetsCookie(Responses.SessionCookie)?.Secure);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/mijn-overzicht")).StatusCode);
    }

    [Fact]
    public async Task PendingCookieIsHttpOnlyLaxAndGrantsNoAccess()
    {
        var account = await factory.CreateAccountAsync();
        var client = FormClient.For(factory);

        var password = await client.PostPasswordAsync(account.PortalSlug, account.Email, account.Password);

        var cookie = password.SetsCookie(Responses.PendingCookie);
        Assert.NotNull(cookie);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteMode.Lax, cookie.SameSite);
        Assert.Null(password.SetsCookie(Responses.SessionCookie));
        Assert.Equal("/inloggen", (await client.Http.GetAsync("/mijn-overzicht")).Target().AbsolutePath);
    }

    [Fact]
    public async Task OverviewSendsAVisitorWithoutSessionToTheLoginWithAReturnUrl()
    {
        var response = await FormClient.For(factory).Http.GetAsync("/mijn-overzicht");

        var target = response.Target();
        Assert.Equal("localhost", target.Host);
        Assert.Equal("/inloggen", target.AbsolutePath);
        Assert.Equal("/mijn-overzicht", target.QueryValue("ReturnUrl"));
    }

    [Fact]
    public async Task OverviewOpensAfterPasswordAndCode()
    {
        var account = await factory.CreateAccountAsync();
        var client = FormClient.For(factory);

        var login = await client.LoginAsync(account);
        var overview = await client.Http.GetAsync("/mijn-overzicht");

        Assert.Equal("/mijn-overzicht", login.Target().AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Contains(Dutch.OverviewWelcome, await overview.TextAsync());
    }

    [Fact]
    public async Task SecondLoginInTheSameBrowserStartsANewSessionAndEndsTheOldOne()
    {
        var account = await factory.CreateAccountAsync();
        var client = FormClient.For(factory);
        var first = (await client.LoginAsync(account)).SetsCookie(Responses.SessionCookie)!;

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostPasswordAsync(account.PortalSlug, account.Email, account.Password)).StatusCode);
        // The next step's code: the current one was spent on the first login.
        var second = (await client.PostCodeAsync(account.Code(1))).SetsCookie(Responses.SessionCookie);

        Assert.NotNull(second);
        Assert.NotEqual(first.Value, second.Value);
        var sessions = await factory.SessionsAsync(account.Id);
        Assert.Equal(2, sessions.Count);
        Assert.NotEqual(sessions[0].Id, sessions[1].Id);
        Assert.NotNull(sessions[0].EndedAt);
        Assert.Null(sessions[1].EndedAt);
        Assert.Equal("/inloggen", (await GetWithCookieAsync("/mijn-overzicht", first)).Target().AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await GetWithCookieAsync("/mijn-overzicht", second)).StatusCode);
    }

    [Fact]
    public async Task LogoutEndsTheSessionSoTheOldCookieNoLongerOpensTheOverview()
    {
        var account = await factory.CreateAccountAsync();
        var client = FormClient.For(factory);
        var cookie = (await client.LoginAsync(account)).SetsCookie(Responses.SessionCookie)!;
        var token = FormClient.AntiforgeryToken(await client.GetAsync("/mijn-overzicht"));

        var logout = await client.Http.PostAsync("/uitloggen",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal("/", logout.Target().AbsolutePath);
        Assert.Equal("1", logout.Target().QueryValue("uitgelogd"));
        Assert.NotNull(Assert.Single(await factory.SessionsAsync(account.Id)).EndedAt);
        Assert.Equal("/inloggen", (await client.Http.GetAsync("/mijn-overzicht")).Target().AbsolutePath);
        // Someone who copied the cookie before the logout gets nothing with it either.
        Assert.Equal("/inloggen", (await GetWithCookieAsync("/mijn-overzicht", cookie)).Target().AbsolutePath);
    }

    private async Task<HttpResponseMessage> GetWithCookieAsync(string path, SetCookieHeaderValue cookie)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        return await client.SendAsync(request);
    }
}
