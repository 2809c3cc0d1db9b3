using System.Net;
using AveroPortal.Blazor.Sessions;
using AveroPortal.Core.Colleagues;
using AveroPortal.Core.Data;
using AveroPortal.Core.Login;
using Dapper;
using Microsoft.AspNetCore.Authorization;

namespace AveroPortal.Tests.Colleagues;

/// <summary>
/// The colleague actions as the portal serves them: form posts to the endpoints under <c>/collegas</c>, only for a
/// company administrator, each answered with a redirect back to the page and recorded once in the company audit.
/// </summary>
public sealed class ColleagueEndpointsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string ForbiddenText = "Alleen een beheerder van uw bedrijf kan collega's uitnodigen";

    /// <summary>Every colleague action, with the ids of a company whose administrator is not the one posting.</summary>
    public static TheoryData<string> Actions => new()
    {
        "uitnodigen",
        "uitnodiging-opnieuw",
        "uitnodiging-intrekken",
        "account-intrekken",
        "heractiveren",
        "beheerder",
        "beheerder-neerleggen",
    };

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task ANonAdministratorGetsTheDutch403OnEveryActionAndNothingChanges(string action)
    {
        var company = await CompanyAsync();
        var before = await StateAsync(company);
        var client = await LoggedInAsync(company.Colleague);
        // No buttons on their page, so the post is made by hand, with the anti-forgery token of their own page.
        var forged = await PostAsync(client, PathOf(action, company), withToken: true);

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Contains(ForbiddenText, await forged.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(company));
    }

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task ANonAdministratorsPostWithoutATokenGetsThe403Too(string action)
    {
        var company = await CompanyAsync();
        var before = await StateAsync(company);
        var client = await LoggedInAsync(company.Colleague);

        var forged = await PostAsync(client, PathOf(action, company), withToken: false);

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(before, await StateAsync(company));
    }

    [Fact]
    public async Task APrivateCustomerGetsThe403()
    {
        var company = await CompanyAsync();
        var before = await StateAsync(company);
        var client = await LoggedInAsync(await factory.CreateAccountAsync(Portals.Private));

        var forged = await PostAsync(client, PathOf("account-intrekken", company), withToken: true);

        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Equal(before, await StateAsync(company));
    }

    [Fact]
    public async Task AnEHerkenningUserIsNoAdministratorAndAnAdministratorIs()
    {
        var company = await CompanyAsync();
        var authorization = factory.Get<IAuthorizationService>();
        var eHerkenning = new PortalUser("eherkenning:1", LoginMethods.EHerkenning, Portals.Business, "Bedrijf", CompanyId: company.Id,
            SessionId: "sessie", Stamp: "").ToPrincipal();
        var administrator = PortalUser.ForAccount(await factory.AccountAsync(company.Administrator.Id), LoginMethods.PasswordAndAuthenticator, "sessie").ToPrincipal();
        var colleague = PortalUser.ForAccount(await factory.AccountAsync(company.Colleague.Id), LoginMethods.PasswordAndAuthenticator, "sessie").ToPrincipal();

        Assert.False((await authorization.AuthorizeAsync(eHerkenning, null, Blazor.Sessions.Policies.CompanyAdministrator)).Succeeded);
        Assert.False((await authorization.AuthorizeAsync(colleague, null, Blazor.Sessions.Policies.CompanyAdministrator)).Succeeded);
        Assert.True((await authorization.AuthorizeAsync(administrator, null, Blazor.Sessions.Policies.CompanyAdministrator)).Succeeded);
    }

    [Fact]
    public async Task EachActionWritesExactlyOneCompanyAuditRow()
    {
        var company = await CompanyAsync();
        var client = await LoggedInAsync(company.Administrator);
        var second = await factory.CreateAccountAsync(Portals.Business, companyId: company.Id, displayName: "Tweede Beheerder");

        await ExpectOneRowAsync(company, CompanyAuditActions.InvitationSent, () => PostAsync(client, "/collegas/uitnodigen",
            fields: new() { ["email"] = $"nieuw-{Guid.NewGuid():N}@example.com", ["name"] = "Nina Nieuw" }));
        var invitation = Assert.Single((await factory.Get<ColleagueAdministration>().GetOverviewAsync(company.Id))!.Pending);
        await ExpectOneRowAsync(company, CompanyAuditActions.InvitationResent, () => PostAsync(client, $"/collegas/uitnodigingen/{invitation.Id}/opnieuw"));
        invitation = Assert.Single((await factory.Get<ColleagueAdministration>().GetOverviewAsync(company.Id))!.Pending);
        await ExpectOneRowAsync(company, CompanyAuditActions.InvitationRevoked, () => PostAsync(client, $"/collegas/uitnodigingen/{invitation.Id}/intrekken"));
        await ExpectOneRowAsync(company, CompanyAuditActions.ColleagueRevoked, () => PostAsync(client, $"/collegas/{company.Colleague.Id}/intrekken"));
        await ExpectOneRowAsync(company, CompanyAuditActions.ReactivationSent, () => PostAsync(client, $"/collegas/{company.Colleague.Id}/heractiveren"));
        await ExpectOneRowAsync(company, CompanyAuditActions.AdministratorGranted, () => PostAsync(client, $"/collegas/{second.Id}/beheerder"));
        await ExpectOneRowAsync(company, CompanyAuditActions.AdministratorStepDown, () => PostAsync(client, "/collegas/beheerder-neerleggen"));

        // The audit names who acted and from where: the administrator, from the test server's address.
        var newest = (await factory.Get<CompanyAuditRepository>().ListAsync(company.Id))[0];
        Assert.Equal(CompanyAuditActions.AdministratorStepDown, newest.Action);
        Assert.Equal("Tessa van Test", newest.ActorName);
        Assert.False(await factory.Get<ColleagueAdministration>().IsAdministratorAsync(company.Administrator.Id));
        Assert.True(await factory.Get<ColleagueAdministration>().IsAdministratorAsync(second.Id));
    }

    [Fact]
    public async Task AnActionRedirectsBackToTheListWhichSaysOnceWhatItDid()
    {
        var company = await CompanyAsync();
        var client = await LoggedInAsync(company.Administrator);

        var revoked = await PostAsync(client, $"/collegas/{company.Colleague.Id}/intrekken");

        Assert.Equal("/collegas", revoked.Target().AbsolutePath);
        var page = await client.Http.GetAsync("/collegas");
        Assert.Contains("Het account van Collega Test is ingetrokken.", await page.TextAsync(), StringComparison.Ordinal);
        Assert.NotNull((await factory.AccountAsync(company.Colleague.Id)).DisabledAt);
        Assert.DoesNotContain("is ingetrokken.", await (await client.Http.GetAsync("/collegas")).TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnInvitationWithABadAddressKeepsWhatWasTypedNamesTheProblemAndChangesNothing()
    {
        var company = await CompanyAsync();
        var client = await LoggedInAsync(company.Administrator);
        var before = await StateAsync(company);

        var refused = await PostAsync(client, "/collegas/uitnodigen", fields: new() { ["email"] = "geen-adres", ["name"] = "Iemand" });

        Assert.Equal("/collegas", refused.Target().AbsolutePath);
        var page = await (await client.Http.GetAsync("/collegas")).TextAsync();
        Assert.Contains("Vul een geldig e-mailadres in", page, StringComparison.Ordinal);
        Assert.Contains("value=\"geen-adres\"", page, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(company));
    }

    [Fact]
    public async Task AnIdOfAnotherCompanyGetsTheDutch404AndChangesNothing()
    {
        var company = await CompanyAsync();
        var other = await CompanyAsync();
        var client = await LoggedInAsync(company.Administrator);
        var before = await StateAsync(other);

        var revoke = await PostAsync(client, $"/collegas/{other.Colleague.Id}/intrekken");
        var grant = await PostAsync(client, $"/collegas/{other.Colleague.Id}/beheerder");
        var unknown = await PostAsync(client, "/collegas/uitnodigingen/999999999/intrekken");

        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.Contains(Dutch.NotFoundTitle, await revoke.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, grant.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(before, await StateAsync(other));
    }

    [Fact]
    public async Task AnAdministratorsPostWithoutATokenGetsTheDutch400AndChangesNothing()
    {
        var company = await CompanyAsync();
        var client = await LoggedInAsync(company.Administrator);
        var before = await StateAsync(company);

        var refused = await PostAsync(client, $"/collegas/{company.Colleague.Id}/intrekken", withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains(Dutch.BadRequestTitle, await refused.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(company));
    }

    [Fact]
    public async Task TheCompanyAuditRefusesUpdateAndDelete()
    {
        var company = await CompanyAsync();
        var client = await LoggedInAsync(company.Administrator);
        await PostAsync(client, $"/collegas/{company.Colleague.Id}/intrekken");
        await using var connection = await factory.Get<Db>().OpenAsync();

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync(
            "UPDATE company_audit SET actor_name = 'iemand anders' WHERE company_id = @Id", new { company.Id }));
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync(
            "DELETE FROM company_audit WHERE company_id = @Id", new { company.Id }));
        Assert.Equal(1, await AuditCountAsync(company.Id));
    }

    private sealed record TestCompany(long Id, TestAccount Administrator, TestAccount Colleague);

    /// <summary>A new insured company: its first account is the administrator (as the migration makes the first one), the second is not.</summary>
    private async Task<TestCompany> CompanyAsync()
    {
        var administrator = await factory.CreateAccountAsync(Portals.Business);
        var companyId = (await factory.AccountAsync(administrator.Id)).CompanyId!.Value;
        var colleague = await factory.CreateAccountAsync(Portals.Business, companyId: companyId, displayName: "Collega Test");
        await factory.Get<Db>().MakeAdministratorAsync(administrator.Id);
        Assert.True(await factory.Get<ColleagueAdministration>().IsAdministratorAsync(administrator.Id));
        Assert.False(await factory.Get<ColleagueAdministration>().IsAdministratorAsync(colleague.Id));
        return new TestCompany(companyId, administrator, colleague);
    }

    private static string PathOf(string action, TestCompany company) => action switch
    {
        "uitnodigen" => "/collegas/uitnodigen",
        "uitnodiging-opnieuw" => "/collegas/uitnodigingen/1/opnieuw",
        "uitnodiging-intrekken" => "/collegas/uitnodigingen/1/intrekken",
        "account-intrekken" => $"/collegas/{company.Administrator.Id}/intrekken",
        "heractiveren" => $"/collegas/{company.Administrator.Id}/heractiveren",
        "beheerder" => $"/collegas/{company.Colleague.Id}/beheerder",
        _ => "/collegas/beheerder-neerleggen",
    };

    private async Task<FormClient> LoggedInAsync(TestAccount account)
    {
        var client = FormClient.For(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(account)).StatusCode);
        return client;
    }

    private static async Task<HttpResponseMessage> PostAsync(FormClient client, string path, Dictionary<string, string>? fields = null, bool withToken = true)
    {
        var values = new Dictionary<string, string>(fields ?? new() { ["email"] = "forged@example.com", ["name"] = "Vervalst" });
        if (withToken)
        {
            // The layout's log-out form carries the page's token on every page, also where no colleague form is shown.
            values["__RequestVerificationToken"] = FormClient.AntiforgeryToken(await client.GetAsync("/collegas"));
        }

        return await client.Http.PostAsync(path, new FormUrlEncodedContent(values));
    }

    private async Task ExpectOneRowAsync(TestCompany company, string action, Func<Task<HttpResponseMessage>> post)
    {
        var before = await AuditCountAsync(company.Id);

        var response = await post();

        Assert.Equal("/collegas", response.Target().AbsolutePath);
        Assert.Equal(before + 1, await AuditCountAsync(company.Id));
        Assert.Equal(action, (await factory.Get<CompanyAuditRepository>().ListAsync(company.Id))[0].Action);
    }

    private async Task<long> AuditCountAsync(long companyId)
    {
        await using var connection = await factory.Get<Db>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM company_audit WHERE company_id = @CompanyId", new { CompanyId = companyId });
    }

    /// <summary>Everything a colleague action could change: the audit, the accounts and their roles, the invitations.</summary>
    private async Task<string> StateAsync(TestCompany company)
    {
        var overview = (await factory.Get<ColleagueAdministration>().GetOverviewAsync(company.Id))!;
        return $"audit {await AuditCountAsync(company.Id)}; "
            + string.Join("; ", overview.Accounts.Select(a => $"{a.Id} {a.IsDisabled} {a.IsAdministrator}"))
            + "; pending " + string.Join(",", overview.Pending.Select(p => p.Id));
    }
}
