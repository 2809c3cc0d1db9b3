using AveroPortal.Core.Data;
using AveroPortal.Core.Login;
using Microsoft.Playwright;
using OtpNet;

namespace AveroPortal.Tests.Login;

/// <summary>
/// Every way in, by keyboard only (issue 14): from the login choice to the signed-in page with Tab, Shift+Tab, the
/// arrow keys, Enter and typing; no click and no fill on a located element. The Development demo portal (demo data,
/// both test brokers) as `dotnet run` shows it.
/// </summary>
public sealed class KeyboardLoginBrowserTests : IAsyncLifetime
{
    private BrowserFixture _browser = default!;

    public async Task InitializeAsync()
    {
        var port = PortalFactory.FreePort();
        var settings = EHerkenningSettings.For($"http://127.0.0.1:{port}/", testBroker: true);
        settings["Avero:Seed:DemoData"] = "true";
        _browser = new BrowserFixture(new PortalFactory { EnvironmentName = "Development", Settings = settings }, port);
        await _browser.InitializeAsync();
    }

    public async Task DisposeAsync() => await _browser.DisposeAsync();

    private static string DemoCode() =>
        TotpPolicy.ComputeCode(Base32Encoding.ToBytes(DemoSeeder.DemoAuthenticatorKey), DateTimeOffset.UtcNow);

    private static async Task PasswordAndCodeAsync(IPage page, string email, string password, string code)
    {
        await page.TabAndTypeAsync(page.Locator("input[name='Model.Email']"), email);
        await page.TabAndTypeAsync(page.Locator("input[name='Model.Password']"), password);
        await page.TabAndEnterAsync(page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }));
        await page.WaitForURLAsync("**/inloggen/code");
        await page.TabAndTypeAsync(page.Locator("input[name='Model.Code']"), code);
        await page.TabAndEnterAsync(page.GetByRole(AriaRole.Button, new() { Name = "Inloggen", Exact = true }));
    }

    [Fact]
    public async Task EmailPasswordAndCodeByKeyboardOnly()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync("/inloggen");

        await page.TabAndEnterAsync(page.GetByTestId("method-private-password"));
        await page.WaitForURLAsync("**/inloggen/particulier");
        await PasswordAndCodeAsync(page, "jan.devries@example.com", DemoSeeder.DemoPassword, DemoCode());

        await page.WaitForURLAsync("**/mijn-overzicht");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mijn overzicht", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("jan.devries@example.com")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("AP-2019-004711")).ToBeVisibleAsync();
        await page.ExpectAccessibleAsync();
    }

    [Fact]
    public async Task IdinThroughTheTestBrokerByKeyboardOnly()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync("/inloggen");

        await page.TabAndEnterAsync(page.GetByTestId("method-private-idin"));
        await page.WaitForURLAsync("**/inloggen/idin");
        // Tab enters the bank list on its first radio; the arrow keys move to SNS and choose it.
        await page.TabToAsync(page.Locator("input[name=bank]").First);
        await page.ArrowDownToAsync(page.GetByLabel("SNS", new() { Exact = true }));
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.GetByLabel("SNS", new() { Exact = true })).ToBeCheckedAsync();
        await page.TabAndEnterAsync(page.GetByTestId("idin-start"));

        await page.WaitForURLAsync("**/dev/idin-broker/authorize?**");
        var jan = page.Locator("input[name=identity][value='TESTBIN-JAN-DE-VRIES']");
        await page.TabToAsync(page.Locator("input[name=identity]:checked"));
        await page.ArrowDownToAsync(jan);
        await Assertions.Expect(jan).ToBeCheckedAsync();
        await page.TabAndEnterAsync(page.GetByRole(AriaRole.Button, new() { Name = "Bevestigen bij de bank" }));

        await page.WaitForURLAsync("**/mijn-overzicht");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mijn overzicht", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Ingelogd met iDIN")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("AP-2019-004711")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task EHerkenningThroughTheTestBrokerByKeyboardOnly()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync("/inloggen");

        await page.TabAndEnterAsync(page.GetByTestId("method-business-eherkenning"));
        await page.WaitForURLAsync("**/inloggen/eherkenning");
        await page.TabAndEnterAsync(page.GetByTestId("eherkenning-start"));

        await page.WaitForURLAsync("**/testmakelaar/kies?id=*");
        var bakery = page.Locator("input[name=kvk][value='24444001']");
        await page.TabToAsync(page.Locator("input[name=kvk]:checked"));
        await page.ArrowDownToAsync(bakery);
        await Assertions.Expect(bakery).ToBeCheckedAsync();
        await page.TabToAsync(page.Locator("#level"));
        await Assertions.Expect(page.Locator("#level")).ToHaveValueAsync("loa3");
        await page.TabAndEnterAsync(page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }));

        await page.WaitForURLAsync("**/mijn-overzicht");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mijn overzicht", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Ingelogd met eHerkenning")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("AB-2018-700211")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheSupportDesksUnlinkByKeyboardOnly()
    {
        var customer = await _browser.Portal.CreateAccountAsync(enrolled: true);
        Assert.NotNull(await _browser.Portal.Get<AuthenticatorRepository>().GetAsync(customer.Id));
        var page = await _browser.NewPageAsync();
        await page.GotoAsync("/support/inloggen");

        await PasswordAndCodeAsync(page, "supportdesk@averoachmea.example.com", DemoSeeder.DemoPassword, DemoCode());
        await page.WaitForURLAsync("**/support");
        await page.WaitForInteractiveAsync();
        await page.TabAndTypeAsync(page.GetByLabel("E-mailadres, naam, klantnummer of KVK-nummer"), customer.Email);
        await page.TabAndEnterAsync(page.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }));
        await page.TabAndEnterAsync(page.GetByTestId("search-hit").First);
        await page.WaitForURLAsync("**/support/klant/*");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("authenticator-status")).ToContainTextAsync("Gekoppeld op");

        await page.TabAndEnterAsync(page.GetByTestId("unlink"));
        var dialog = page.GetByRole(AriaRole.Dialog);
        await page.TabAndTypeAsync(dialog.GetByLabel("Hoe is de identiteit van de beller gecontroleerd?"), "geboortedatum + polisnummer");
        await page.TabAndTypeAsync(dialog.GetByLabel("Reden"), "nieuwe telefoon");
        await page.TabAndEnterAsync(dialog.GetByTestId("confirm-action"));

        await Assertions.Expect(page.GetByTestId("action-result")).ToContainTextAsync("ontkoppeld");
        await Assertions.Expect(page.GetByTestId("authenticator-status")).ToContainTextAsync("Niet gekoppeld");
        Assert.Null(await _browser.Portal.Get<AuthenticatorRepository>().GetAsync(customer.Id));
    }
}
