using AveroPortal.Core.Login;
using AveroPortal.Core.Policies;
using AveroPortal.Tests.Login;
using Microsoft.Playwright;

namespace AveroPortal.Tests.Overview;

/// <summary>Mijn overzicht on a phone: long values wrap inside their cards, the policies are stacked cards.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OverviewBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => browser.ExpectNoContentSecurityViolationsAsync();

    /// <summary>Every value of the page's cards ends inside its card and inside the viewport.</summary>
    private const string SpillingValues = """
        () => {
            const width = document.documentElement.clientWidth;
            return [...document.querySelectorAll('main dd, main h3')]
                .filter(el => {
                    const box = el.getBoundingClientRect();
                    const card = el.closest('.mud-paper').getBoundingClientRect();
                    return el.scrollWidth > el.clientWidth + 1 || box.right > card.right + 1 || box.right > width;
                })
                .map(el => el.textContent.trim());
        }
        """;

    [Theory]
    [InlineData(375)]
    [InlineData(320)]
    public async Task ABusinessOverviewWithALongEmailAddressFitsAPhone(int width)
    {
        // The report: a business Mijn overzicht with a long e-mail address grew to 470 px wide at 375.
        var email = $"inkoop.en.administratie.{Guid.NewGuid():N}@bakkerij-de-korenbloem-leeuwarden.example.com";
        var account = await browser.Portal.CreateAccountAsync(Portals.Business, email: email);
        var companyId = (await browser.Portal.Get<AccountRepository>().GetAsync(account.Id))!.CompanyId;
        await browser.Portal.Get<PolicyRepository>().AddAsync(new NewPolicy("AB-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(),
            null, companyId, "Bedrijfsaansprakelijkheidsverzekering voor de detailhandel en ambachten", PolicyStatuses.Active, "2018-02-01"));
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(width, 667);

        await page.GotoAsync(account.LoginPath);
        await page.GetByLabel("E-mailadres").FillAsync(account.Email);
        await page.GetByLabel("Wachtwoord").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende" }).ClickAsync();
        await page.WaitForURLAsync("**/inloggen/code");
        await page.GetByLabel("Code van 6 cijfers").FillAsync(account.Code());
        await page.GetByRole(AriaRole.Button, new() { Name = "Inloggen" }).ClickAsync();
        await page.WaitForURLAsync("**/mijn-overzicht");
        await Assertions.Expect(page.GetByText(email)).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("policy")).ToHaveCountAsync(1);

        Assert.Empty(await page.EvaluateAsync<string[]>(SpillingValues));
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('main').scrollWidth <= document.documentElement.clientWidth"),
            "Mijn overzicht's content is wider than the viewport");
        await page.ExpectAccessibleAsync();
    }
}
