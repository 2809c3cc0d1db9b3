using System.Net;
using System.Text.RegularExpressions;
using AveroPortal.Core.Email;
using AveroPortal.Core.Freeze;
using AveroPortal.Core.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AveroPortal.Tests.Freeze;

/// <summary>
/// "Dit was ik niet" over HTTP: the password-change mail's link, the GET that only asks, the POST that freezes, a
/// link that no longer works, and the login of a frozen account.
/// </summary>
public sealed partial class FreezePageTests : IDisposable
{
    private const string NewPassword = "Een nieuw wachtwoord voor de test";
    private const string Blocked = "Uw account is geblokkeerd.";
    private const string LinkInvalid = "Deze link werkt niet (meer)";
    private readonly RecordingEmailSender _mail = new();
    private readonly PortalFactory _factory;

    public FreezePageTests() =>
        _factory = new PortalFactory { ConfigureServices = services => services.AddSingleton<IEmailSender>(_mail) };

    private async Task<(FormClient Client, TestAccount Account, AuthenticatorApp App)> LogInAsync()
    {
        var account = await _factory.CreateAccountAsync();
        var app = new AuthenticatorApp(account.Secret!);
        var client = FormClient.For(_factory);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostPasswordAsync(account.PortalSlug, account.Email, account.Password)).StatusCode);
        Assert.Equal("/mijn-overzicht", (await client.PostCodeAsync(await app.NextCodeAsync())).Target().AbsolutePath);
        return (client, account, app);
    }

    private async Task<string> FreezePathAsync(long accountId) =>
        new Uri((await _factory.Get<FreezeLinks>().CreateAsync(accountId, FreezeReasons.PasswordChanged)).Url).PathAndQuery;

    private Task<HttpResponseMessage> PostFreezeAsync(FormClient client, string path) =>
        client.PostFormAsync(path, "freeze", new Dictionary<string, string>());

    private async Task<bool> IsFrozenAsync(long accountId) =>
        (await _factory.Get<Core.Login.AccountRepository>().GetAsync(accountId))!.IsFrozen;

    [Fact]
    public async Task ThePasswordChangeMailCarriesALinkWhoseConfirmationFreezesTheAccountAndEndsItsOpenSession()
    {
        var (client, account, app) = await LogInAsync();
        var changed = await client.PostFormAsync("/instellingen/wachtwoord", "change-password", new Dictionary<string, string>
        {
            ["Model.CurrentPassword"] = account.Password,
            ["Model.Code"] = await app.NextCodeAsync(),
            ["Model.NewPassword"] = NewPassword,
            ["Model.Repeat"] = NewPassword,
        });
        Assert.Contains("Uw wachtwoord is gewijzigd", await changed.TextAsync(), StringComparison.Ordinal);
        var mail = Assert.Single(_mail.Sent, m => m.To == account.Email);
        var link = new Uri(LinkPattern().Match(mail.TextBody).Value);
        Assert.Equal("/dit-was-ik-niet", link.AbsolutePath);
        Assert.Contains($"href=\"{link.OriginalString}\"", mail.HtmlBody, StringComparison.Ordinal);

        var stranger = FormClient.For(_factory);
        var ask = await stranger.Http.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, ask.StatusCode);
        Assert.Contains("Blokkeer mijn account", await ask.TextAsync(), StringComparison.Ordinal);
        Assert.False(await IsFrozenAsync(account.Id));
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/mijn-overzicht")).StatusCode);

        var done = await PostFreezeAsync(stranger, link.PathAndQuery);

        Assert.Contains(Blocked, await done.TextAsync(), StringComparison.Ordinal);
        Assert.True(await IsFrozenAsync(account.Id));
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/mijn-overzicht")).StatusCode);
        var audit = await _factory.Get<SupportAuditRepository>().ForAccountAsync(account.Id);
        Assert.Equal(FreezeReasons.PasswordChanged, Assert.Single(audit, e => e.Action == SupportActionNames.FreezeAccount).Reason);
    }

    [Fact]
    public async Task TheFreezePageSendsNoReferrerAndAGetNeverFreezes()
    {
        var account = await _factory.CreateAccountAsync();
        var path = await FreezePathAsync(account.Id);
        var client = FormClient.For(_factory);

        for (var i = 0; i < 3; i++)
        {
            var response = await client.Http.GetAsync(path);
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            Assert.Contains("<html lang=\"nl\"", await response.TextAsync(), StringComparison.Ordinal);
        }

        Assert.False(await IsFrozenAsync(account.Id));
        Assert.True(await _factory.Get<FreezeLinks>().IsUsableAsync(new Uri(new Uri("http://x"), path).QueryValue("token")));
    }

    [Fact]
    public async Task AUsedLinkAnUnknownOneAndAMalformedOneGetADutchPageAndChangeNothing()
    {
        var account = await _factory.CreateAccountAsync();
        var path = await FreezePathAsync(account.Id);
        var client = FormClient.For(_factory);
        Assert.Contains(Blocked, await (await PostFreezeAsync(client, path)).TextAsync(), StringComparison.Ordinal);
        var other = await _factory.CreateAccountAsync();

        foreach (var bad in new[] { path, "/dit-was-ik-niet?token=" + new string('A', 43), "/dit-was-ik-niet?token=%00%27", "/dit-was-ik-niet" })
        {
            var get = await client.Http.GetAsync(bad);
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Contains(LinkInvalid, await get.TextAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain("Blokkeer mijn account", await get.TextAsync(), StringComparison.Ordinal);
        }

        // A forged post with a used link: the same Dutch page, and the other account stays as it is.
        var posted = await client.Http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "freeze",
            ["__RequestVerificationToken"] = FormClient.AntiforgeryToken(await client.GetAsync("/inloggen/particulier")),
        }));
        Assert.Contains(LinkInvalid, await posted.TextAsync(), StringComparison.Ordinal);
        Assert.False(await IsFrozenAsync(other.Id));
        Assert.Single(await _factory.Get<SupportAuditRepository>().ForAccountAsync(account.Id));
    }

    [Fact]
    public async Task AnExpiredLinkChangesNothing()
    {
        var account = await _factory.CreateAccountAsync();
        await using (var connection = await _factory.Get<Core.Data.Db>().OpenAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "DELETE FROM freeze_tokens WHERE account_id = @Id", new { account.Id });
        }

        var path = await FreezePathAsync(account.Id);
        await using (var connection = await _factory.Get<Core.Data.Db>().OpenAsync())
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "UPDATE freeze_tokens SET expires_at = created_at - 1 WHERE account_id = @Id", new { account.Id });
        }

        var client = FormClient.For(_factory);
        Assert.Contains(LinkInvalid, await client.GetAsync(path), StringComparison.Ordinal);
        var posted = await client.Http.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "freeze",
            ["__RequestVerificationToken"] = FormClient.AntiforgeryToken(await client.GetAsync("/inloggen/particulier")),
        }));
        Assert.Contains(LinkInvalid, await posted.TextAsync(), StringComparison.Ordinal);
        Assert.False(await IsFrozenAsync(account.Id));
    }

    [Fact]
    public async Task AFrozenAccountCanNotSignInAndReadsThatItIsBlockedOnlyWithTheRightPassword()
    {
        var account = await _factory.CreateAccountAsync();
        await PostFreezeAsync(FormClient.For(_factory), await FreezePathAsync(account.Id));
        var client = FormClient.For(_factory);

        var right = await client.PostPasswordAsync(account.PortalSlug, account.Email, account.Password);
        var wrong = await client.PostPasswordAsync(account.PortalSlug, account.Email, "een verkeerd wachtwoord");
        var unknown = await client.PostPasswordAsync(account.PortalSlug, "niemand-" + account.Email, "een verkeerd wachtwoord");

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Null(right.SetsCookie(Responses.PendingCookie));
        var rightError = FormClient.ErrorText(await right.Content.ReadAsStringAsync());
        Assert.Contains("Uw account is geblokkeerd", rightError, StringComparison.Ordinal);
        Assert.Contains("058 297 72 34", rightError, StringComparison.Ordinal);
        Assert.Equal(FormClient.ErrorText(await unknown.Content.ReadAsStringAsync()), FormClient.ErrorText(await wrong.Content.ReadAsStringAsync()));
        Assert.DoesNotContain("geblokkeerd", FormClient.ErrorText(await wrong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSupportdeskSeesFrozenAccountsInTheirListAndMarkedOnTheAccountPanel()
    {
        var account = await _factory.CreateAccountAsync();
        var open = await _factory.CreateAccountAsync();
        await PostFreezeAsync(FormClient.For(_factory), await FreezePathAsync(account.Id));
        var agent = FormClient.For(_factory);
        Assert.Equal(HttpStatusCode.Redirect, (await agent.LoginAsync(await _factory.CreateStaffAsync())).StatusCode);

        var list = await (await agent.Http.GetAsync("/support/geblokkeerd")).TextAsync();
        var customerId = (await _factory.Get<Core.Login.AccountRepository>().GetAsync(account.Id))!.CustomerId;
        var panel = await (await agent.Http.GetAsync($"/support/klant/{customerId}")).TextAsync();

        Assert.Contains(account.Email, list, StringComparison.Ordinal);
        Assert.Contains($"href=\"/support/klant/{customerId}\"", list, StringComparison.Ordinal);
        Assert.Contains(FreezeReasons.PasswordChanged, list, StringComparison.Ordinal);
        Assert.DoesNotContain(open.Email, list, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"frozen-marker\"", panel, StringComparison.Ordinal);
        Assert.Contains("Blokkade opheffen", panel, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();

    public void Dispose() => _factory.Dispose();
}
