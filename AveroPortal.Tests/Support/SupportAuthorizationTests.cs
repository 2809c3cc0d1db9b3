using System.Net;
using AveroPortal.Core.Login;

namespace AveroPortal.Tests.Support;

/// <summary>Every support route is closed to anonymous visitors and customers, and the admin route to agents.</summary>
public sealed class SupportAuthorizationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static TheoryData<string> SupportRoutes => new()
    {
        "/support",
        "/support/klant/1",
        "/support/bedrijf/1",
        "/support/audit",
        "/support/medewerkers",
        "/support/geblokkeerd",
    };

    [Theory]
    [MemberData(nameof(SupportRoutes))]
    public async Task AnonymousVisitorsAreSentToTheStaffLogin(string route)
    {
        var response = await FormClient.For(factory).Http.GetAsync(route);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/support/inloggen", response.Headers.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(route), response.Headers.Location.Query, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SupportRoutes))]
    public async Task CustomersAreForbidden(string route)
    {
        var client = await LoggedInAsync(await factory.CreateAccountAsync(Portals.Private));

        var response = await client.Http.GetAsync(route);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/fout/403", response.Headers.Location!.AbsolutePath);
        var page = await client.Http.GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("Geen toegang", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BusinessCustomersAreForbiddenToo()
    {
        var client = await LoggedInAsync(await factory.CreateAccountAsync(Portals.Business));

        var response = await client.Http.GetAsync("/support");

        Assert.Equal("/fout/403", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task AnAgentOpensTheSupportPagesButNotTheStaffAdministration()
    {
        var client = await LoggedInAsync(await factory.CreateStaffAsync(StaffRoles.SupportAgent));

        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/support")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/support/audit")).StatusCode);
        var admin = await client.Http.GetAsync("/support/medewerkers");
        Assert.Equal("/fout/403", admin.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task AnAdminOpensTheStaffAdministration()
    {
        var client = await LoggedInAsync(await factory.CreateStaffAsync(StaffRoles.Admin));

        var response = await client.Http.GetAsync("/support/medewerkers");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Medewerkers", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffCanNotUseTheCustomerPortal()
    {
        var staff = await factory.CreateStaffAsync();
        var client = FormClient.For(factory);

        var customerLogin = await client.PostPasswordAsync("particulier", staff.Email, staff.Password);
        Assert.Equal(HttpStatusCode.OK, customerLogin.StatusCode);
        Assert.Contains("Het e-mailadres of wachtwoord klopt niet", await customerLogin.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var staffClient = await LoggedInAsync(staff);
        var overview = await staffClient.Http.GetAsync("/mijn-overzicht");
        Assert.Equal("/fout/403", overview.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task CustomersCanNotUseTheStaffLogin()
    {
        var customer = await factory.CreateAccountAsync();
        var client = FormClient.For(factory);

        var response = await client.PostFormAsync("/support/inloggen", "password",
            new Dictionary<string, string> { ["Model.Email"] = customer.Email, ["Model.Password"] = customer.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Het e-mailadres of wachtwoord klopt niet", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOutboxPageDoesNotExistOutsideDevelopment()
    {
        var response = await FormClient.For(factory).Http.GetAsync("/dev/outbox");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("Outbox", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NothingInTheCustomerPagesLinksToTheSupportDesk()
    {
        var client = await LoggedInAsync(await factory.CreateAccountAsync());

        foreach (var page in new[] { "/", "/inloggen", "/veelgestelde-vragen", "/mijn-overzicht" })
        {
            Assert.DoesNotContain("href=\"/support", await client.GetAsync(page), StringComparison.Ordinal);
        }
    }

    private async Task<FormClient> LoggedInAsync(TestAccount account)
    {
        var client = FormClient.For(factory);
        var response = await client.LoginAsync(account);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
