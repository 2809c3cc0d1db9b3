using System.Net;
using System.Text.Json;
using AveroPortal.Core.Login;
using AveroPortal.Core.Passkeys;

namespace AveroPortal.Tests.Passkeys;

/// <summary>The portal with passkeys for <c>http://localhost:5080</c>, the origin <see cref="SoftwareAuthenticator"/> writes.</summary>
public sealed class PasskeyFormsPortal : IAsyncLifetime
{
    public PortalFactory Portal { get; } = new()
    {
        Settings = new Dictionary<string, string>
        {
            ["Avero:Passkeys:RelyingPartyId"] = "localhost",
            ["Avero:Passkeys:Origins"] = "http://localhost:5080",
        },
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Portal.DisposeAsync();
}

/// <summary>
/// The passkey forms and options endpoints over HTTP, as a browser without JavaScript or a forger would send them:
/// every answer is Dutch (never a 500), nothing is added, removed or signed in, and the other methods keep working.
/// </summary>
public sealed class PasskeyFormsTests(PasskeyFormsPortal fixture) : IClassFixture<PasskeyFormsPortal>
{
    private const string Incomplete = "De gegevens van de passkey zijn niet volledig ontvangen.";
    private const string NotFound = "Deze passkey bestaat niet (meer). Er is niets gewijzigd.";
    private const string ReauthNeeded = "Bevestig eerst opnieuw dat u het bent";

    private PortalFactory Portal => fixture.Portal;

    private sealed record LoggedIn(FormClient Client, TestAccount Account, AuthenticatorApp App);

    [Fact]
    public async Task LoginPagesOfferPasskeysOnlyThroughTheScriptAndKeepThePasswordFormWithoutIt()
    {
        var client = FormClient.For(Portal);
        foreach (var path in new[] { "/inloggen/particulier", "/inloggen/zakelijk" })
        {
            var html = await client.GetAsync(path);
            Assert.Contains("autocomplete=\"username webauthn\"", html, StringComparison.Ordinal);
            Assert.Matches("<button type=\"button\" class=\"btn-primary\" hidden[^>]*data-passkey=\"passwordless\"", html);
            Assert.Matches("<script src=\"passkeys(\\.[a-z0-9]+)?\\.js\"></script>", html);
            Assert.Contains("name=\"Model.Password\"", html, StringComparison.Ordinal);
        }

        // The support desk keeps its password and code; no passkey there.
        var staff = await client.GetAsync("/support/inloggen");
        Assert.DoesNotContain("data-passkey", staff, StringComparison.Ordinal);
        Assert.DoesNotContain("webauthn", staff, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForgedPasswordlessPostGetsADutchMessageAndNoSession()
    {
        var client = FormClient.For(Portal);

        var response = await client.PostFormAsync("/inloggen/particulier", "passkey-login", new Dictionary<string, string>
        {
            ["Passkey.ChallengeId"] = "bestaat-niet",
            ["Passkey.Response"] = "{\"id\": [1, 2, 3]",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Incomplete, await response.TextAsync(), StringComparison.Ordinal);
        Assert.Null(response.SetsCookie(Responses.SessionCookie));
    }

    [Fact]
    public async Task ChallengeHandedToAnotherBrowserIsRefusedAsExpired()
    {
        var owner = await Portal.CreateAccountAsync();
        using var key = new SoftwareAuthenticator();
        await RegisterAsync(owner, key);
        // Another browser asked for this challenge (its own cookie); this client answers it with a right signature.
        var begin = await Portal.Get<PasskeyCeremonies>().BeginPasswordlessAsync(Portals.Private, "een-ander-browser-cookie-0000000000000000000");
        var client = FormClient.For(Portal);

        var response = await client.PostFormAsync("/inloggen/particulier", "passkey-login", new Dictionary<string, string>
        {
            ["Passkey.ChallengeId"] = begin.ChallengeId,
            ["Passkey.Response"] = key.Assert(begin.OptionsJson),
        });

        Assert.Contains("Het inloggen met de passkey duurde te lang of is afgebroken.", await response.TextAsync(), StringComparison.Ordinal);
        Assert.Null(response.SetsCookie(Responses.SessionCookie));
    }

    [Fact]
    public async Task PasswordlessPostToTheSupportLoginIsRefusedInDutch()
    {
        var response = await FormClient.For(Portal).PostFormAsync("/support/inloggen", "passkey-login", new Dictionary<string, string>
        {
            ["Passkey.ChallengeId"] = "x",
            ["Passkey.Response"] = "{}",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Deze passkey is niet (meer) bekend", await response.TextAsync(), StringComparison.Ordinal);
        Assert.Null(response.SetsCookie(Responses.SessionCookie));
    }

    [Fact]
    public async Task ForgedPasskeyOnTheCodeStepKeepsThePendingLoginAndTheCodeStillLogsIn()
    {
        var account = await Portal.CreateAccountAsync();
        using var key = new SoftwareAuthenticator();
        await RegisterAsync(account, key);
        var app = new AuthenticatorApp(account.Secret!);
        var client = FormClient.For(Portal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostPasswordAsync(account.PortalSlug, account.Email, account.Password)).StatusCode);

        var page = await client.GetAsync("/inloggen/code");
        Assert.Contains("Bevestigen met uw passkey", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        var forged = await client.PostFormAsync("/inloggen/code", "code-passkey", new Dictionary<string, string>
        {
            ["Passkey.ChallengeId"] = "bestaat-niet",
            ["Passkey.Response"] = "geen json",
        });

        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains(Incomplete, await forged.TextAsync(), StringComparison.Ordinal);
        Assert.Null(forged.SetsCookie(Responses.SessionCookie));
        Assert.Equal("/mijn-overzicht", (await client.PostCodeAsync(await app.NextCodeAsync())).Target().AbsolutePath);
    }

    [Fact]
    public async Task OptionsEndpointsCheckTheFormTokenAndAnswerInDutch()
    {
        var client = FormClient.For(Portal);
        var page = await client.GetAsync("/inloggen/particulier");
        var token = FormClient.AntiforgeryToken(page);

        var withoutToken = await client.Http.PostAsync("/inloggen/passkey-opties", Form(("portal", Portals.Private)));
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);

        var staff = await client.Http.PostAsync("/inloggen/passkey-opties", Form(("portal", Portals.Staff), ("__RequestVerificationToken", token)));
        Assert.Equal(HttpStatusCode.BadRequest, staff.StatusCode);
        Assert.StartsWith("Dat lukte niet.", (await JsonAsync(staff)).GetProperty("message").GetString(), StringComparison.Ordinal);

        var options = await client.Http.PostAsync("/inloggen/passkey-opties", Form(("portal", Portals.Private), ("__RequestVerificationToken", token)));
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        Assert.Equal("no-store", options.Headers.CacheControl?.ToString());
        var json = await JsonAsync(options);
        Assert.False(string.IsNullOrEmpty(json.GetProperty("challengeId").GetString()));
        Assert.Equal("localhost", json.GetProperty("options").GetProperty("rpId").GetString());
        var cookie = options.SetsCookie("Avero.Passkey");
        Assert.NotNull(cookie);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Strict, cookie.SameSite);

        // No pending login: the page is to reload (and then sends the customer to the password step).
        var secondFactor = await client.Http.PostAsync("/inloggen/code/passkey-opties", Form(("__RequestVerificationToken", token)));
        Assert.Equal(HttpStatusCode.Conflict, secondFactor.StatusCode);
        Assert.True((await JsonAsync(secondFactor)).GetProperty("reload").GetBoolean());
    }

    [Fact]
    public async Task AddingWithoutTheReauthenticationAsksForItAndAddsNothing()
    {
        var user = await LogInAsync();
        var page = await user.Client.GetAsync("/instellingen/passkeys");
        Assert.Contains("name=\"Reauth.Code\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-passkey=\"register\"", page, StringComparison.Ordinal);

        var options = await user.Client.Http.PostAsync("/instellingen/passkeys/opties", Form(("__RequestVerificationToken", FormClient.AntiforgeryToken(page))));
        Assert.Equal(HttpStatusCode.Forbidden, options.StatusCode);
        Assert.True((await JsonAsync(options)).GetProperty("reload").GetBoolean());

        var add = await user.Client.PostFormAsync("/instellingen/passkeys", "passkey-add", new Dictionary<string, string>
        {
            ["Add.Name"] = "Telefoon",
            ["Add.ChallengeId"] = "x",
            ["Add.Response"] = "{}",
        });

        Assert.Equal(HttpStatusCode.OK, add.StatusCode);
        Assert.Contains(ReauthNeeded, await add.TextAsync(), StringComparison.Ordinal);
        Assert.Empty(await Portal.Get<PasskeySettings>().ListAsync(user.Account.Id));
    }

    [Fact]
    public async Task ForgedRegistrationAfterTheReauthenticationGetsADutchMessageAndAddsNothing()
    {
        var user = await LogInAsync();
        await ReauthenticateAsync(user);

        var page = await user.Client.GetAsync("/instellingen/passkeys");
        Assert.Contains("data-passkey=\"register\"", page, StringComparison.Ordinal);
        var tooLong = await user.Client.PostFormAsync("/instellingen/passkeys", "passkey-add", new Dictionary<string, string>
        {
            ["Add.Name"] = new string('n', PasskeySettings.MaxNameLength + 1),
            ["Add.ChallengeId"] = "x",
            ["Add.Response"] = "{}",
        });
        Assert.Contains("Een naam is ten hoogste 50 tekens", await tooLong.TextAsync(), StringComparison.Ordinal);

        var forged = await user.Client.PostFormAsync("/instellingen/passkeys", "passkey-add", new Dictionary<string, string>
        {
            ["Add.Name"] = "Telefoon",
            ["Add.ChallengeId"] = "x",
            ["Add.Response"] = "{\"id\":\"AAAA\"}",
        });

        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        var text = await forged.TextAsync();
        Assert.True(text.Contains(Incomplete, StringComparison.Ordinal) || text.Contains("Het toevoegen duurde te lang", StringComparison.Ordinal), text);
        Assert.Empty(await Portal.Get<PasskeySettings>().ListAsync(user.Account.Id));
    }

    [Fact]
    public async Task RemovingOrRenamingAnotherAccountsPasskeyChangesNothing()
    {
        var other = await Portal.CreateAccountAsync();
        using var key = new SoftwareAuthenticator();
        var passkeyId = await RegisterAsync(other, key);
        var user = await LogInAsync();

        // Without the re-authentication a removal is not even tried.
        var unproven = await user.Client.PostFormAsync("/instellingen/passkeys", "passkey-remove",
            new Dictionary<string, string> { ["Remove.Id"] = passkeyId.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Contains(ReauthNeeded, await unproven.TextAsync(), StringComparison.Ordinal);

        await ReauthenticateAsync(user);
        foreach (var id in new[] { passkeyId.ToString(System.Globalization.CultureInfo.InvariantCulture), "-1", "abc", "99999999999999999999" })
        {
            var remove = await user.Client.PostFormAsync("/instellingen/passkeys", "passkey-remove", new Dictionary<string, string> { ["Remove.Id"] = id });
            Assert.Equal(HttpStatusCode.OK, remove.StatusCode);
            Assert.Contains(NotFound, await remove.TextAsync(), StringComparison.Ordinal);
        }

        var rename = await user.Client.PostFormAsync("/instellingen/passkeys", "passkey-rename", new Dictionary<string, string>
        {
            ["Rename.Id"] = passkeyId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Rename.Name"] = "Van mij",
        });
        Assert.Contains(NotFound, await rename.TextAsync(), StringComparison.Ordinal);

        var kept = Assert.Single(await Portal.Get<PasskeySettings>().ListAsync(other.Id));
        Assert.Equal("Telefoon", kept.Name);
    }

    private async Task<long> RegisterAsync(TestAccount account, SoftwareAuthenticator key)
    {
        var ceremonies = Portal.Get<PasskeyCeremonies>();
        var entity = (await Portal.Get<AccountRepository>().GetAsync(account.Id))!;
        var begin = await ceremonies.BeginRegistrationAsync(entity, "test-browser-key");
        var result = await ceremonies.CompleteRegistrationAsync(entity, "test-browser-key", begin.ChallengeId, key.Register(begin.OptionsJson), "Telefoon",
            new ClientInfo("192.0.2.8", "PasskeyFormsTests"));
        Assert.Equal(PasskeyRegistrationOutcome.Added, result.Outcome);
        return result.PasskeyId!.Value;
    }

    private async Task<LoggedIn> LogInAsync()
    {
        var account = await Portal.CreateAccountAsync();
        var app = new AuthenticatorApp(account.Secret!);
        var client = FormClient.For(Portal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostPasswordAsync(account.PortalSlug, account.Email, account.Password)).StatusCode);
        Assert.Equal("/mijn-overzicht", (await client.PostCodeAsync(await app.NextCodeAsync())).Target().AbsolutePath);
        return new LoggedIn(client, account, app);
    }

    private static async Task ReauthenticateAsync(LoggedIn user)
    {
        var response = await user.Client.PostFormAsync("/instellingen/passkeys", "passkey-reauth",
            new Dictionary<string, string> { ["Reauth.Code"] = await user.App.NextCodeAsync() });
        Assert.Contains("U heeft bevestigd dat u het bent.", await response.TextAsync(), StringComparison.Ordinal);
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
}
