using AveroPortal.Core.Customers;
using Microsoft.Playwright;

namespace AveroPortal.Tests.EHerkenning;

/// <summary>eHerkenning end to end through the Development test broker: AuthnRequest, artifact, SOAP resolve, EncryptedIDs.</summary>
public sealed class EHerkenningTestBrokerBrowserTests : IAsyncLifetime
{
    private const string Kvk = "24444001";
    private BrowserFixture _browser = default!;

    public async Task InitializeAsync()
    {
        var port = PortalFactory.FreePort();
        var portal = new PortalFactory
        {
            EnvironmentName = "Development",
            Settings = EHerkenningSettings.For($"http://127.0.0.1:{port}/", testBroker: true),
        };
        _browser = new BrowserFixture(portal, port);
        await _browser.InitializeAsync();
        if (await portal.Get<CustomerRepository>().GetCompanyByKvkAsync(Kvk) is null)
        {
            await portal.Get<CustomerRepository>().AddCompanyAsync(new Company(0, Kvk, "Bakkerij De Korenbloem B.V.", "Leeuwarden", 1,
                "Adviseur", "058 000 00 00", "adviseur@example.com"));
        }
    }

    [Fact]
    public async Task Eh3LogsInToTheCompanyOverview()
    {
        var page = await StartAtBrokerAsync();
        await page.Locator($"input[name='kvk'][value='{Kvk}']").CheckAsync();
        await page.Locator("#level").SelectOptionAsync("loa3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();

        await page.WaitForURLAsync("**/mijn-overzicht");
        await Assertions.Expect(page.GetByText("Bakkerij De Korenbloem B.V.").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Ingelogd met eHerkenning")).ToBeVisibleAsync();
        await page.ExpectAccessibleAsync();
    }

    [Fact]
    public async Task Eh2IsRefusedWithAnExplanation()
    {
        var page = await StartAtBrokerAsync();
        await page.Locator($"input[name='kvk'][value='{Kvk}']").CheckAsync();
        await page.Locator("#level").SelectOptionAsync("loa2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();

        await page.WaitForURLAsync("**/inloggen/eherkenning/mislukt?reden=niveau");
        await Assertions.Expect(page.GetByTestId("eherkenning-error")).ToContainTextAsync("EH3");
        await page.ExpectAccessibleAsync();
        await page.GotoAsync("/mijn-overzicht");
        await page.WaitForURLAsync("**/inloggen?ReturnUrl=*");
    }

    [Fact]
    public async Task AnUninsuredKvkNumberGetsTheNoKvkPage()
    {
        var page = await StartAtBrokerAsync();
        await page.Locator("input[name='kvk'][value='99999999']").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();

        await page.WaitForURLAsync("**/inloggen/eherkenning/mislukt?reden=kvk");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Zonder geldig KVK-nummer kunt u niet inloggen");
        await Assertions.Expect(page.GetByTestId("eherkenning-error").GetByRole(AriaRole.Link, new() { Name = "058 297 72 34" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task CancellingAtTheBrokerSaysSo()
    {
        var page = await StartAtBrokerAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Annuleren" }).ClickAsync();

        await page.WaitForURLAsync("**/inloggen/eherkenning/mislukt?reden=afgebroken");
        await Assertions.Expect(page.GetByTestId("eherkenning-error")).ToContainTextAsync("U heeft het inloggen afgebroken");
    }

    public Task DisposeAsync() => _browser.DisposeAsync();

    private async Task<IPage> StartAtBrokerAsync()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync("/inloggen");
        await page.GetByTestId("method-business-eherkenning").ClickAsync();
        await page.WaitForURLAsync("**/inloggen/eherkenning");
        await page.ExpectAccessibleAsync();
        await page.GetByTestId("eherkenning-start").ClickAsync();
        await page.WaitForURLAsync("**/testmakelaar/kies?id=*");
        return page;
    }
}
