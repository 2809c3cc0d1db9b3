using System.Net;
using AveroPortal.Core.Login;
using AveroPortal.Core.Policies;

namespace AveroPortal.Tests.Overview;

/// <summary>Mijn overzicht through HTTP: a signed-in customer or company sees its own policies and never another's.</summary>
public sealed class OverviewPoliciesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<string> AddPolicyAsync(TestAccount account, string product, string status = PolicyStatuses.Active)
    {
        var stored = (await factory.Get<AccountRepository>().GetAsync(account.Id))!;
        var number = "AP-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        await factory.Get<PolicyRepository>().AddAsync(new NewPolicy(number, stored.CustomerId, stored.CompanyId, product, status, "2020-02-01"));
        return number;
    }

    private async Task<string> OverviewOfAsync(TestAccount account)
    {
        var client = FormClient.For(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(account)).StatusCode);
        var response = await client.Http.GetAsync("/mijn-overzicht");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.TextAsync();
    }

    [Fact]
    public async Task ACustomerSeesTheirOwnPoliciesAndNeverAnotherCustomers()
    {
        var own = await factory.CreateAccountAsync();
        var other = await factory.CreateAccountAsync();
        var ownCar = await AddPolicyAsync(own, "Autoverzekering");
        var ownHome = await AddPolicyAsync(own, "Woonhuisverzekering", PolicyStatuses.Suspended);
        var othersPolicy = await AddPolicyAsync(other, "Inboedelverzekering");

        var page = await OverviewOfAsync(own);

        Assert.Contains(ownCar, page);
        Assert.Contains(ownHome, page);
        Assert.Contains("Geschorst", page);
        Assert.Contains("1 februari 2020", page);
        Assert.DoesNotContain(othersPolicy, page);
        Assert.DoesNotContain("Inboedelverzekering", page);
    }

    [Fact]
    public async Task ABusinessAccountSeesItsCompanysPoliciesAndNeverAnotherCompanysOrACustomers()
    {
        var own = await factory.CreateAccountAsync(Portals.Business);
        var otherCompany = await factory.CreateAccountAsync(Portals.Business);
        var customer = await factory.CreateAccountAsync();
        var fleet = await AddPolicyAsync(own, "Wagenpark");
        var othersPolicy = await AddPolicyAsync(otherCompany, "Bedrijfsgebouwen");
        var customersPolicy = await AddPolicyAsync(customer, "Autoverzekering");

        var page = await OverviewOfAsync(own);

        Assert.Contains("Verzekeringen van uw bedrijf", page);
        Assert.Contains(fleet, page);
        Assert.DoesNotContain(othersPolicy, page);
        Assert.DoesNotContain(customersPolicy, page);
    }

    [Fact]
    public async Task ACustomerWithoutPoliciesIsToldSo()
    {
        var account = await factory.CreateAccountAsync();

        var page = await OverviewOfAsync(account);

        Assert.Contains("Er staan geen verzekeringen op uw naam.", page);
        Assert.DoesNotContain("data-testid=\"policy\"", page);
    }
}
