using AveroPortal.Core.Data;
using AveroPortal.Core.Freeze;
using AveroPortal.Core.Login;
using AveroPortal.Core.Support;
using Dapper;
using Microsoft.Playwright;

namespace AveroPortal.Tests.Support;

/// <summary>
/// The support desk's pages at 1280 and 768 px, with long values in every table: axe finds nothing serious or
/// critical (scrollable-region-focusable included) and the document never scrolls sideways.
/// </summary>
public sealed class SupportPagesLayoutBrowserTests : IAsyncLifetime
{
    private const string LongNote = "geboortedatum, polisnummer en het adres van het verzekerde pand gecontroleerd; de klant belde vanaf een onbekend nummer en wist alle gegevens";

    private BrowserFixture _browser = default!;

    public async Task InitializeAsync()
    {
        _browser = new BrowserFixture(new PortalFactory());
        await _browser.InitializeAsync();
    }

    public Task DisposeAsync() => _browser.DisposeAsync();

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(768, 1024)]
    public async Task EverySupportPageFitsAndPassesAxe(int width, int height)
    {
        var portal = _browser.Portal;
        var admin = await portal.CreateStaffAsync(StaffRoles.Admin);
        var customer = await portal.CreateAccountAsync();
        var business = await portal.CreateAccountAsync(Portals.Business);
        var accounts = portal.Get<AccountRepository>();
        var customerId = (await accounts.GetAsync(customer.Id))!.CustomerId!.Value;
        var companyId = (await accounts.GetAsync(business.Id))!.CompanyId!.Value;
        await FillHistoryAsync(customer, customerId, admin);
        await FreezeAsync(customer.Id);

        var page = await _browser.NewPageAsync();
        await page.SetViewportSizeAsync(width, height);
        await LogInAsync(page, admin);
        await page.WaitForURLAsync("**/support");
        await page.WaitForInteractiveAsync();

        await page.GetByLabel("E-mailadres, naam, klantnummer of KVK-nummer").FillAsync(customer.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();
        await page.GetByTestId("search-hit").First.WaitForAsync();
        await ExpectFitsAndAccessibleAsync(page, width);

        await VisitAsync(page, $"/support/klant/{customerId}", width, "login-event");
        await Assertions.Expect(page.GetByTestId("login-events")).ToContainTextAsync("Wachtwoord juist");
        await VisitAsync(page, $"/support/bedrijf/{companyId}", width, "account-panel");
        await VisitAsync(page, "/support/audit", width, "audit-table");
        await page.Locator("[data-testid=audit-table] tbody tr td").First.WaitForAsync();
        await ExpectFitsAndAccessibleAsync(page, width);
        await VisitAsync(page, "/support/medewerkers", width, "staff-list");
        await VisitAsync(page, "/support/geblokkeerd", width, "frozen-account");
    }

    private static async Task VisitAsync(IPage page, string path, int width, string testId)
    {
        await page.GotoAsync(path);
        await page.WaitForInteractiveAsync();
        await page.GetByTestId(testId).First.WaitForAsync();
        await ExpectFitsAndAccessibleAsync(page, width);
    }

    private static async Task ExpectFitsAndAccessibleAsync(IPage page, int width)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (scrollWidth, innerWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= innerWidth, $"{page.Url} at {width} px: the document is {scrollWidth} px wide in a {innerWidth} px window");
        await page.ExpectAccessibleAsync();
    }

    private async Task FillHistoryAsync(TestAccount customer, long customerId, TestAccount admin)
    {
        var events = _browser.Portal.Get<LoginEventRepository>();
        var client = ClientInfo.Of("2001:db8:85a3:0000:0000:8a2e:0370:7334", "Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0");
        foreach (var (method, outcome) in new[]
        {
            (LoginMethods.Password, LoginOutcomes.PasswordAccepted), (LoginMethods.Authenticator, LoginOutcomes.Enrolled),
            (LoginMethods.PasswordAndRecoveryCode, LoginOutcomes.WrongRecoveryCode), (LoginMethods.Password, LoginOutcomes.Frozen),
        })
        {
            await events.AddAsync(customer.Id, Portals.Private, method, outcome, client);
        }

        var audit = _browser.Portal.Get<SupportAuditRepository>();
        foreach (var action in new[] { SupportActionNames.UnlinkAuthenticator, SupportActionNames.Unlock, SupportActionNames.UnfreezeAccount })
        {
            await audit.AddAsync(new NewAuditEntry(admin.Id, admin.Email, customer.Id, customerId, customer.Email, action,
                LongNote, LongNote, "geen authenticator gekoppeld; sessies beëindigd", "2001:db8:85a3:0000:0000:8a2e:0370:7334"));
        }
    }

    private async Task FreezeAsync(long accountId)
    {
        await using var connection = await _browser.Portal.Get<Db>().OpenAsync();
        await connection.ExecuteAsync("UPDATE accounts SET frozen_at = @Now, frozen_reason = @Reason WHERE id = @Id",
            new { Now = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), Reason = FreezeReasons.AuthenticatorUnlinked, Id = accountId });
    }

    private static async Task LogInAsync(IPage page, TestAccount account)
    {
        await page.GotoAsync(account.LoginPath);
        await page.GetByLabel("E-mailadres").FillAsync(account.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await page.WaitForURLAsync("**/inloggen/code");
        await page.GetByLabel("Code van 6 cijfers").FillAsync(account.Code());
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
    }
}
