using System.Net;

namespace AveroPortal.Tests.Login;

public sealed class LoginAntiforgeryTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static Dictionary<string, string> PasswordFields(TestAccount account) =>
        new() { ["Model.Email"] = account.Email, ["Model.Password"] = account.Password };

    [Fact]
    public async Task PasswordPostWithoutTokenIsRefusedAndChangesNothing()
    {
        var account = await factory.CreateAccountAsync();
        var events = await factory.LoginEventCountAsync();
        var client = FormClient.For(factory);

        var response = await client.PostFormAsync("/inloggen/particulier", "password", PasswordFields(account), withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        // Regression: this used to be a blank 400 page.
        Assert.Contains(Dutch.BadRequestTitle, await response.TextAsync());
        Assert.Null(response.SetsCookie(Responses.PendingCookie));
        Assert.Equal(events, await factory.LoginEventCountAsync());
        Assert.Equal(0, (await factory.AccountAsync(account.Id)).FailedCount);
        // No half-started login either: the code page sends the visitor back to the start.
        Assert.Equal("/inloggen", (await client.Http.GetAsync("/inloggen/code")).Target().AbsolutePath);
    }

    [Fact]
    public async Task PasswordPostWithAnotherBrowsersTokenIsRefused()
    {
        var account = await factory.CreateAccountAsync();
        var events = await factory.LoginEventCountAsync();
        var otherToken = FormClient.AntiforgeryToken(await FormClient.For(factory).GetAsync("/inloggen/particulier"));
        var fields = PasswordFields(account);
        fields["__RequestVerificationToken"] = otherToken;

        var response = await FormClient.For(factory).PostFormAsync("/inloggen/particulier", "password", fields, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.SetsCookie(Responses.PendingCookie));
        Assert.Equal(events, await factory.LoginEventCountAsync());
    }

    [Fact]
    public async Task CodePostWithoutTokenIsRefusedAndDoesNotUseTheCode()
    {
        var account = await factory.CreateAccountAsync();
        var client = FormClient.For(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostPasswordAsync(account.PortalSlug, account.Email, account.Password)).StatusCode);
        var events = await factory.LoginEventCountAsync();
        var code = account.Code();

        var refused = await client.PostFormAsync("/inloggen/code", "code", new Dictionary<string, string> { ["Model.Code"] = code }, withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Null(refused.SetsCookie(Responses.SessionCookie));
        Assert.Equal(events, await factory.LoginEventCountAsync());
        Assert.Empty(await factory.SessionsAsync(account.Id));
        // The refused post did not spend the code: the same code still logs in with a token.
        Assert.Equal("/mijn-overzicht", (await client.PostCodeAsync(code)).Target().AbsolutePath);
    }

    [Fact]
    public async Task LogoutWithoutTokenIsRefusedWithADutchPageAndKeepsTheSession()
    {
        var account = await factory.CreateAccountAsync();
        var client = FormClient.For(factory);
        await client.LoginAsync(account);

        // Regression: the error page used to be re-executed as this same POST, failed its own token check and threw.
        var response = await client.Http.PostAsync("/uitloggen", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(Dutch.BadRequestTitle, await response.TextAsync());
        Assert.Null(Assert.Single(await factory.SessionsAsync(account.Id)).EndedAt);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/mijn-overzicht")).StatusCode);
    }
}
