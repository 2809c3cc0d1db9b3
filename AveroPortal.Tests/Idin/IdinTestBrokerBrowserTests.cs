using Microsoft.Playwright;

namespace AveroPortal.Tests.Idin;

/// <summary>The Development demo: iDIN through the test broker inside the portal, as `dotnet run` shows it.</summary>
public sealed class IdinTestBrokerBrowserTests : IAsyncLifetime
{
    private BrowserFixture _browser = default!;

    public async Task InitializeAsync()
    {
        var port = PortalFactory.FreePort();
        var settings = EHerkenningSettings.For($"http://127.0.0.1:{port}/", testBroker: true);
        var portal = new PortalFactory { EnvironmentName = "Development", Settings = settings };
        _browser = new BrowserFixture(portal, port);
        await _browser.InitializeAsync();
        await IdinPeerPeople.AddCustomersAsync(_browser.Portal);
    }

    private async Task<IPage> AtTheTestBankAsync()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync("/inloggen/idin");
        await page.GetByLabel("SNS", new() { Exact = true }).CheckAsync();
        await page.GetByTestId("idin-start").ClickAsync();
        await page.WaitForURLAsync("**/dev/idin-broker/authorize?**");
        await Assertions.Expect(page.GetByText("alleen voor ontwikkeling").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("SNS").First).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task TheMatchingDemoPersonLandsOnMijnOverzicht()
    {
        var page = await AtTheTestBankAsync();
        await page.ExpectAccessibleAsync();
        await page.GetByLabel("Jan de Vries", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Bevestigen bij de bank" }).ClickAsync();

        await page.WaitForURLAsync("**/mijn-overzicht");
        await Assertions.Expect(page.GetByText("Ingelogd met iDIN")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheMovedDemoPersonSeesTheMismatchPage()
    {
        var page = await AtTheTestBankAsync();
        await page.GetByLabel("Anna van den Berg", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Bevestigen bij de bank" }).ClickAsync();

        await page.WaitForURLAsync("**/inloggen/idin/controle");
        await Assertions.Expect(page.Locator("tr[data-field='postcode'][data-differs='true']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheUnknownDemoPersonSeesTheNoMatchPage()
    {
        var page = await AtTheTestBankAsync();
        await page.GetByLabel("Klaas Postma", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Bevestigen bij de bank" }).ClickAsync();

        await page.WaitForURLAsync("**/inloggen/idin/onbekend");
    }

    [Fact]
    public async Task CancellingAtTheTestBankGoesBackToTheBankChoice()
    {
        var page = await AtTheTestBankAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Annuleren" }).ClickAsync();

        await page.WaitForURLAsync("**/inloggen/idin?melding=afgebroken");
    }

    public async Task DisposeAsync() => await _browser.DisposeAsync();
}
