using Dapper;
using Microsoft.Playwright;

namespace AveroPortal.Tests.Idin;

/// <summary>iDIN end to end against a real OpenID Connect provider (npm oidc-provider) acting as the broker.</summary>
public sealed class IdinBrowserTests : IAsyncLifetime
{
    private OidcProviderPeer _peer = default!;
    private BrowserFixture _browser = default!;

    public async Task InitializeAsync()
    {
        var port = PortalFactory.FreePort();
        _peer = await IdinPeerPeople.StartPeerAsync(port);
        _browser = new BrowserFixture(new PortalFactory { Settings = IdinPeerPeople.PortalSettings(_peer) }, port);
        await _browser.InitializeAsync();
        await IdinPeerPeople.AddCustomersAsync(_browser.Portal);
    }

    /// <summary>From the login start page through the bank choice to the bank's (the peer's) login page.</summary>
    private async Task<IPage> AtTheBankAsync(string bank = "ING")
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync("/inloggen");
        await page.GetByTestId("method-private-idin").ClickAsync();
        await page.WaitForURLAsync("**/inloggen/idin");
        await page.ExpectAccessibleAsync();
        await page.GetByLabel(bank, new() { Exact = true }).CheckAsync();
        await page.GetByTestId("idin-start").ClickAsync();
        await page.Locator("#login").WaitForAsync();
        return page;
    }

    private static async Task LogInAtTheBankAsync(IPage page, string login)
    {
        await page.Locator("#login").FillAsync(login);
        await page.Locator("#submit").ClickAsync();
    }

    [Fact]
    public async Task AMatchingCustomerLandsOnMijnOverzicht()
    {
        var page = await AtTheBankAsync();
        await LogInAtTheBankAsync(page, "jan");

        await page.WaitForURLAsync("**/mijn-overzicht");
        await Assertions.Expect(page.GetByText("Ingelogd met iDIN")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Stationsweg 12, 8911 AH Leeuwarden")).ToBeVisibleAsync();
        await page.ExpectAccessibleAsync();

        // The link is kept on (broker, BIN); nothing else of the bank's answer.
        await using var connection = await _browser.Portal.Get<AveroPortal.Core.Data.Db>().OpenAsync();
        Assert.Equal(["oidc-provider-test|BIN-JAN-0001"], await connection.QueryAsync<string>("SELECT broker || '|' || bin FROM idin_identities"));
    }

    [Fact]
    public async Task ReplayedIdinCookieAfterLogoutDoesNotSignInAgain()
    {
        // The bank's answer as the broker's real round trip left it in the browser, saved before /idin/verder used it.
        var page = await AtTheBankAsync();
        var callback = await page.RunAndWaitForResponseAsync(() => LogInAtTheBankAsync(page, "jan"), r => r.Url.Contains("/idin/callback", StringComparison.Ordinal));
        var saved = (await callback.HeaderValuesAsync("set-cookie")).Select(c => c.Split(';')[0]).Single(c => c.StartsWith("Avero.iDIN=", StringComparison.Ordinal));
        await page.WaitForURLAsync("**/mijn-overzicht");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await page.WaitForURLAsync("**/?uitgelogd=1");

        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _browser.BaseUrl };
        using var replay = new HttpRequestMessage(HttpMethod.Get, "/idin/verder");
        replay.Headers.Add("Cookie", saved);
        var response = await client.SendAsync(replay);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/inloggen/idin?melding=verlopen", response.Headers.Location!.OriginalString);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("Avero.Sessie=", StringComparison.Ordinal) && !c.StartsWith("Avero.Sessie=;", StringComparison.Ordinal)));
        await using var connection = await _browser.Portal.Get<AveroPortal.Core.Data.Db>().OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sessions"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM pending_logins"));
    }

    [Fact]
    public async Task TheLastChosenBankIsRemembered()
    {
        var page = await AtTheBankAsync("Rabobank");
        await LogInAtTheBankAsync(page, "jan");
        await page.WaitForURLAsync("**/mijn-overzicht");

        await page.GotoAsync("/inloggen/idin");
        await Assertions.Expect(page.GetByLabel("Rabobank", new() { Exact = false })).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("ING", new() { Exact = true })).Not.ToBeCheckedAsync();
    }

    [Fact]
    public async Task AnAddressMismatchShowsExactlyTheDifferingFieldsAndTheAdviser()
    {
        var page = await AtTheBankAsync();
        await LogInAtTheBankAsync(page, "anna");

        await page.WaitForURLAsync("**/inloggen/idin/controle");
        var table = page.GetByTestId("idin-compare");
        var differing = await table.Locator("tr[data-differs='true']").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.field)");
        // Every differing field is marked, the street too (shown for information); the city differs only in case.
        Assert.Equal(["postcode", "houseNumber", "suffix", "street"], differing);
        await Assertions.Expect(table.Locator("tr[data-field='street']")).ToContainTextAsync("Wijkt af (telt niet mee)");
        await Assertions.Expect(table.Locator("tr[data-field='city']")).ToContainTextAsync("Gelijk");
        await Assertions.Expect(table.Locator("tr[data-field='postcode']")).ToContainTextAsync("9711LM");
        await Assertions.Expect(table.Locator("tr[data-field='postcode']")).ToContainTextAsync("9711 GB");
        await Assertions.Expect(table.Locator("tr[data-field='postcode']")).ToContainTextAsync("Wijkt af");
        await Assertions.Expect(page.GetByTestId("idin-adviser")).ToContainTextAsync("Noorderlicht Verzekeringen, Rick Jansma");
        await Assertions.Expect(page.GetByText("eigen bankpas")).ToBeVisibleAsync();
        await page.ExpectAccessibleAsync();

        // Not signed in; "Opnieuw proberen" forgets the bank's answer and goes back to the bank choice.
        await page.GetByTestId("idin-retry").ClickAsync();
        await page.WaitForURLAsync("**/inloggen/idin");
        await page.GotoAsync("/inloggen/idin/controle");
        await page.WaitForURLAsync("**/inloggen/idin?melding=verlopen");
        await page.GotoAsync("/mijn-overzicht");
        await page.WaitForURLAsync("**/inloggen?ReturnUrl=*");

        await using var connection = await _browser.Portal.Get<AveroPortal.Core.Data.Db>().OpenAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM idin_identities"));
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sessions"));
    }

    [Fact]
    public async Task AnUnknownPersonGetsTheNoMatchPageWithTheSupportdesk()
    {
        var page = await AtTheBankAsync();
        await LogInAtTheBankAsync(page, "klaas");

        await page.WaitForURLAsync("**/inloggen/idin/onbekend");
        await Assertions.Expect(page.GetByTestId("idin-no-match")).ToContainTextAsync("niet ingelogd");
        await Assertions.Expect(page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "058 297 72 34" })).ToBeVisibleAsync();
        await page.ExpectAccessibleAsync();
    }

    [Fact]
    public async Task CancellingAtTheBankReturnsToTheBankChoiceWithAMessage()
    {
        var page = await AtTheBankAsync();
        await page.Locator("#cancel").ClickAsync();

        await page.WaitForURLAsync("**/inloggen/idin?melding=afgebroken");
        await Assertions.Expect(page.GetByTestId("idin-message")).ToContainTextAsync("afgebroken");
        await Assertions.Expect(page.GetByTestId("idin-bank-form")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AnAcrBelowTheAcceptedLevelIsRefused()
    {
        var page = await AtTheBankAsync();
        await LogInAtTheBankAsync(page, "jan-laag");

        await page.WaitForURLAsync("**/inloggen/idin/mislukt");
        await Assertions.Expect(page.GetByTestId("idin-failed")).ToContainTextAsync("niet ingelogd");
    }

    public async Task DisposeAsync()
    {
        // The browser fixture fails the test on a Content-Security-Policy violation; the other servers stop all the same.
        try
        {
            await _browser.DisposeAsync();
        }
        finally
        {
            await _peer.DisposeAsync();
        }
    }
}
