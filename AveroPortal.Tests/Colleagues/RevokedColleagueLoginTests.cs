using System.Net;
using AveroPortal.Core.Customers;
using AveroPortal.Core.Login;

namespace AveroPortal.Tests.Colleagues;

/// <summary>
/// A colleague whose company ended their access learns so, and whom to ask, but only after the right password: to
/// anyone else the address answers as an unknown one (like the frozen account).
/// </summary>
public sealed class RevokedColleagueLoginTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(TestAccount Account, string Company)> RevokedColleagueAsync()
    {
        var account = await factory.CreateAccountAsync(Portals.Business);
        var stored = (await factory.Get<AccountRepository>().GetAsync(account.Id))!;
        var company = (await factory.Get<CustomerRepository>().GetCompanyAsync(stored.CompanyId!.Value))!;
        Assert.True(await factory.Get<AccountRepository>().DisableAsync(account.Id));
        return (account, company.Name);
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return FormClient.ErrorText(await response.Content.ReadAsStringAsync()) ?? "";
    }

    [Fact]
    public async Task ARevokedColleagueIsToldTheCompanyEndedTheirAccessAfterTheRightPassword()
    {
        var (account, company) = await RevokedColleagueAsync();

        var error = await ErrorAsync(await FormClient.For(factory).PostPasswordAsync("zakelijk", account.Email, account.Password));

        Assert.Contains($"voor {company} is beëindigd door uw bedrijf", error, StringComparison.Ordinal);
        Assert.Contains($"Vraag dan de beheerder van {company} om uw account opnieuw te activeren", error, StringComparison.Ordinal);
        Assert.DoesNotContain("klopt niet", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongPasswordForARevokedColleagueRevealsNothing()
    {
        var (account, _) = await RevokedColleagueAsync();

        var error = await ErrorAsync(await FormClient.For(factory).PostPasswordAsync("zakelijk", account.Email, "Verkeerd-wachtwoord-1"));

        Assert.Equal(Dutch.InvalidCredentials, error);
    }

    [Fact]
    public async Task ARevokedColleagueGetsNoSession()
    {
        var (account, _) = await RevokedColleagueAsync();
        var client = FormClient.For(factory);

        await client.PostPasswordAsync("zakelijk", account.Email, account.Password);
        var overview = await client.Http.GetAsync("/mijn-overzicht");

        Assert.Equal(HttpStatusCode.Redirect, overview.StatusCode);
        Assert.StartsWith("/inloggen", overview.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        var events = await factory.Get<LoginEventRepository>().LatestForAccountAsync(account.Id);
        Assert.Equal(LoginOutcomes.AccessEnded, events[0].Outcome);
    }
}
