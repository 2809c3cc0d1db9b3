using AveroPortal.Core.Customers;
using AveroPortal.Core.Freeze;
using AveroPortal.Core.Login;
using Microsoft.Playwright;

namespace AveroPortal.Tests.Layout;

/// <summary>Who looks at a page: each kind of user has one signed-in browser context in the sweep.</summary>
public enum Viewer
{
    Anonymous,
    Private,
    Business,
    Idin,
    EHerkenning,
    Staff,
}

/// <summary>
/// One page of the sweep: the <c>@page</c> template it covers, who looks, and how to get there (a plain address, or a
/// flow for pages that only exist in the middle of a login).
/// </summary>
/// <param name="OwnPage">A flow that leaves a login half done gets a browser context of its own.</param>
/// <param name="Loads">The visit ends with a page load (not with typing on the page), so the first Tab can be checked.</param>
public sealed record PageVisit(string Route, Viewer Viewer, string Name, Func<PortalPages, IPage, Task> Reach, bool OwnPage = false, bool Loads = true);

/// <summary>
/// Every page of the portal as the sweep visits it. <see cref="PortalPagesTests"/> fails when an <c>@page</c> of the
/// portal is missing here, so a new page is swept from the day it is added.
/// </summary>
public sealed class PortalPages(BrowserFixture browser)
{
    public const string Kvk = "24444001";

    public TestAccount Private { get; private set; } = default!;

    /// <summary>Long e-mail addresses made Mijn overzicht 470 px wide at 375 px (issue 14).</summary>
    public TestAccount Business { get; private set; } = default!;

    public TestAccount Admin { get; private set; } = default!;

    public long CustomerId { get; private set; }

    public long CompanyId { get; private set; }

    public string FreezeLink { get; private set; } = "";

    public static IReadOnlyList<PageVisit> All { get; } =
    [
        Go("/", Viewer.Anonymous, "/"),
        Go("/veelgestelde-vragen", Viewer.Anonymous, "/veelgestelde-vragen"),
        Go("/inloggen", Viewer.Anonymous, "/inloggen"),
        Go("/inloggen/particulier", Viewer.Anonymous, "/inloggen/particulier"),
        Go("/inloggen/zakelijk", Viewer.Anonymous, "/inloggen/zakelijk"),
        Go("/support/inloggen", Viewer.Anonymous, "/support/inloggen"),
        Go("/inloggen/particulier/wachtwoord-vergeten", Viewer.Anonymous, "/inloggen/particulier/wachtwoord-vergeten"),
        Go("/inloggen/zakelijk/wachtwoord-vergeten", Viewer.Anonymous, "/inloggen/zakelijk/wachtwoord-vergeten"),
        Go("/wachtwoord-vergeten/verstuurd", Viewer.Anonymous, "/wachtwoord-vergeten/verstuurd"),
        Go("/wachtwoord-herstellen", Viewer.Anonymous, "/wachtwoord-herstellen?token=verlopen-of-onbekend"),
        // Without a reset of this browser's link the done page sends the visitor to /inloggen (PasswordResetBrowserTests sees it for real).
        Go("/wachtwoord-herstellen/klaar", Viewer.Anonymous, "/wachtwoord-herstellen/klaar"),
        Go("/account-aanmaken", Viewer.Anonymous, "/account-aanmaken?token=verlopen-of-onbekend"),
        new("/dit-was-ik-niet", Viewer.Anonymous, "/dit-was-ik-niet (a real link)", (pages, page) => page.GotoAsync(pages.FreezeLink)),
        Go("/inloggen/idin", Viewer.Anonymous, "/inloggen/idin"),
        Go("/inloggen/idin/mislukt", Viewer.Anonymous, "/inloggen/idin/mislukt"),
        new("/inloggen/idin/controle", Viewer.Anonymous, "/inloggen/idin/controle (Anna has moved)", (_, page) => AtTheTestBankAsync(page, "Anna van den Berg", "**/inloggen/idin/controle"), OwnPage: true),
        new("/inloggen/idin/onbekend", Viewer.Anonymous, "/inloggen/idin/onbekend (Klaas is unknown)", (_, page) => AtTheTestBankAsync(page, "Klaas Postma", "**/inloggen/idin/onbekend"), OwnPage: true),
        Go("/inloggen/eherkenning", Viewer.Anonymous, "/inloggen/eherkenning"),
        new("/testmakelaar/kies", Viewer.Anonymous, "/testmakelaar/kies (a pending request)", (_, page) => AtTheEHerkenningBrokerAsync(page), OwnPage: true),
        Go("/inloggen/eherkenning/mislukt", Viewer.Anonymous, "/inloggen/eherkenning/mislukt?reden=kvk"),
        new("/inloggen/code", Viewer.Anonymous, "/inloggen/code (after the password)", (pages, page) => pages.PasswordStepAsync(page, enrolled: true), OwnPage: true),
        new("/inloggen/herstelcode", Viewer.Anonymous, "/inloggen/herstelcode (after the password)", async (pages, page) =>
        {
            await pages.PasswordStepAsync(page, enrolled: true);
            await page.GotoAsync("/inloggen/herstelcode");
        }, OwnPage: true),
        new("/inloggen/authenticator-kwijt", Viewer.Anonymous, "/inloggen/authenticator-kwijt (after the password)", async (pages, page) =>
        {
            await pages.PasswordStepAsync(page, enrolled: true);
            await page.GotoAsync("/inloggen/authenticator-kwijt");
        }, OwnPage: true),
        Go("/inloggen/authenticator-kwijt/geweigerd", Viewer.Anonymous, "/inloggen/authenticator-kwijt/geweigerd"),
        Go("/inloggen/authenticator-kwijt/afgebroken", Viewer.Anonymous, "/inloggen/authenticator-kwijt/afgebroken"),
        new("/inloggen/koppelen", Viewer.Anonymous, "/inloggen/koppelen (not enrolled yet)", (pages, page) => pages.PasswordStepAsync(page, enrolled: false), OwnPage: true),
        Go("/fout", Viewer.Anonymous, "/fout"),
        Go("/fout/{Code:int}", Viewer.Anonymous, "/fout/404"),
        Go("/fout/{Code:int}", Viewer.Anonymous, "/fout/500"),
        Go("/dev/outbox", Viewer.Anonymous, "/dev/outbox"),

        Go("/mijn-overzicht", Viewer.Private, "/mijn-overzicht"),
        Go("/instellingen", Viewer.Private, "/instellingen"),
        Go("/instellingen/wachtwoord", Viewer.Private, "/instellingen/wachtwoord"),
        Go("/instellingen/authenticator", Viewer.Private, "/instellingen/authenticator"),
        Go("/instellingen/herstelcodes", Viewer.Private, "/instellingen/herstelcodes"),
        Go("/instellingen/passkeys", Viewer.Private, "/instellingen/passkeys"),
        Go("/instellingen/sessies", Viewer.Private, "/instellingen/sessies"),
        // A customer on a staff page: the 403 text.
        Go("/support", Viewer.Private, "/support (403 for a customer)"),

        Go("/mijn-overzicht", Viewer.Business, "/mijn-overzicht (business, long e-mail)"),
        Go("/collegas", Viewer.Business, "/collegas"),
        Go("/instellingen/sessies", Viewer.Business, "/instellingen/sessies (business)"),

        Go("/mijn-overzicht", Viewer.Idin, "/mijn-overzicht (iDIN)"),
        Go("/mijn-overzicht", Viewer.EHerkenning, "/mijn-overzicht (eHerkenning)"),
        Go("/collegas", Viewer.EHerkenning, "/collegas (eHerkenning)"),

        Go("/support", Viewer.Staff, "/support"),
        new("/support", Viewer.Staff, "/support (with results)", async (pages, page) =>
        {
            await page.GotoAsync("/support");
            await page.WaitForInteractiveAsync();
            await page.GetByLabel("E-mailadres, naam, klantnummer of KVK-nummer").FillAsync("Test");
            await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();
            await page.GetByTestId("search-hit").First.WaitForAsync();
        }, Loads: false),
        new("/support/klant/{CustomerId:long}", Viewer.Staff, "/support/klant/{id}", (pages, page) => page.GotoAsync($"/support/klant/{pages.CustomerId}")),
        new("/support/bedrijf/{CompanyId:long}", Viewer.Staff, "/support/bedrijf/{id}", (pages, page) => page.GotoAsync($"/support/bedrijf/{pages.CompanyId}")),
        Go("/support/audit", Viewer.Staff, "/support/audit"),
        Go("/support/geblokkeerd", Viewer.Staff, "/support/geblokkeerd"),
        Go("/support/medewerkers", Viewer.Staff, "/support/medewerkers"),
    ];

    private static PageVisit Go(string route, Viewer viewer, string path) =>
        new(route, viewer, path, (_, page) => page.GotoAsync(path.Split(' ')[0]));

    /// <summary>The accounts, the customers and company behind them, and one signed-in context per kind of viewer.</summary>
    public async Task<IReadOnlyDictionary<Viewer, IPage>> SignInAsync()
    {
        var portal = browser.Portal;
        await Idin.IdinPeerPeople.AddCustomersAsync(portal);
        CompanyId = await portal.Get<CustomerRepository>().AddCompanyAsync(new Company(0, Kvk, "Bakkerij De Korenbloem B.V.", "Leeuwarden", 1,
            "Bouma Assurantiën, Sietske Bouma", "058 212 34 56", "sietske.bouma-van-der-wal@bouma-assurantien-leeuwarden.example"));
        Private = await portal.CreateAccountAsync();
        CustomerId = (await portal.AccountAsync(Private.Id)).CustomerId!.Value;
        Business = await portal.CreateAccountAsync(Portals.Business, emailPrefix: "administratie.verzekeringen.bakkerij-de-korenbloem");
        Admin = await portal.CreateStaffAsync(StaffRoles.Admin);
        FreezeLink = (await portal.Get<FreezeLinks>().CreateAsync(Private.Id, FreezeReasons.PasswordChanged)).Url;

        var pages = new Dictionary<Viewer, IPage> { [Viewer.Anonymous] = await browser.NewPageAsync() };
        pages[Viewer.Private] = await LogInAsync(Private, "**/mijn-overzicht");
        pages[Viewer.Business] = await LogInAsync(Business, "**/mijn-overzicht");
        pages[Viewer.Staff] = await LogInAsync(Admin, "**/support");

        var idin = await browser.NewPageAsync();
        await AtTheTestBankAsync(idin, "Jan de Vries", "**/mijn-overzicht");
        pages[Viewer.Idin] = idin;

        var eHerkenning = await browser.NewPageAsync();
        await AtTheEHerkenningBrokerAsync(eHerkenning);
        await eHerkenning.Locator($"input[name='kvk'][value='{Kvk}']").CheckAsync();
        await eHerkenning.Locator("#level").SelectOptionAsync("loa3");
        await eHerkenning.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await eHerkenning.WaitForURLAsync("**/mijn-overzicht");
        pages[Viewer.EHerkenning] = eHerkenning;
        return pages;
    }

    private async Task<IPage> LogInAsync(TestAccount account, string home)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(account.LoginPath);
        await page.GetByLabel("E-mailadres").FillAsync(account.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await page.WaitForURLAsync("**/inloggen/code");
        await page.GetByLabel("Code van 6 cijfers").FillAsync(account.Code());
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await page.WaitForURLAsync(home);
        return page;
    }

    /// <summary>A fresh account of its own up to the code (or enrolment) step, so no code is used twice.</summary>
    private async Task PasswordStepAsync(IPage page, bool enrolled)
    {
        var account = await browser.Portal.CreateAccountAsync(enrolled: enrolled);
        await page.GotoAsync(account.LoginPath);
        await page.GetByLabel("E-mailadres").FillAsync(account.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await page.WaitForURLAsync(enrolled ? "**/inloggen/code" : "**/inloggen/koppelen");
    }

    private static async Task AtTheTestBankAsync(IPage page, string person, string landing)
    {
        await page.GotoAsync("/inloggen/idin");
        await page.GetByLabel("SNS", new() { Exact = true }).CheckAsync();
        await page.GetByTestId("idin-start").ClickAsync();
        await page.WaitForURLAsync("**/dev/idin-broker/authorize?**");
        await page.GetByLabel(person, new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Bevestigen bij de bank" }).ClickAsync();
        await page.WaitForURLAsync(landing);
    }

    private static async Task AtTheEHerkenningBrokerAsync(IPage page)
    {
        await page.GotoAsync("/inloggen/eherkenning");
        await page.GetByTestId("eherkenning-start").ClickAsync();
        await page.WaitForURLAsync("**/testmakelaar/kies?id=*");
    }
}
