using System.Net;
using AveroPortal.Core.Login;

namespace AveroPortal.Tests.Support;

/// <summary>The 403 page for staff says which role the page needs and whom to ask; customers keep theirs.</summary>
public sealed class StaffForbiddenPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<(HttpStatusCode Status, string Html)> RefusedAsync(TestAccount account, string path)
    {
        var client = FormClient.For(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(account)).StatusCode);
        var refused = await client.Http.GetAsync(path);
        Assert.Equal("/fout/403", refused.Headers.Location!.AbsolutePath);
        var page = await client.Http.GetAsync(refused.Headers.Location);
        return (page.StatusCode, await page.Content.ReadAsStringAsync());
    }

    private static string MainContent(string html)
    {
        var start = html.IndexOf("<main", StringComparison.Ordinal);
        var end = html.IndexOf("</main>", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "the page has a main element");
        return html[start..end];
    }

    [Fact]
    public async Task TheForbiddenPageDoesNotSendAnAgentToTheSupportdeskButToAnAdministrator()
    {
        var (status, html) = await RefusedAsync(await factory.CreateStaffAsync(StaffRoles.SupportAgent), "/support/medewerkers");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("data-testid=\"staff-forbidden\"", html, StringComparison.Ordinal);
        Assert.Contains("alleen voor beheerders van de Supportdesk", html, StringComparison.Ordinal);
        Assert.Contains("Vraag dan een beheerder", html, StringComparison.Ordinal);
        Assert.Contains("met de rol Supportmedewerker", html, StringComparison.Ordinal);
        // The page's own text; the layout's footer (the same on every page) is not part of the 403 answer.
        Assert.DoesNotContain("Bel de Supportdesk", MainContent(html), StringComparison.Ordinal);
        Assert.Contains("href=\"/support\"", MainContent(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStaffMemberOnACustomerPageIsToldToUseTheSupportDesk()
    {
        var (status, html) = await RefusedAsync(await factory.CreateStaffAsync(StaffRoles.Admin), "/mijn-overzicht");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("Deze pagina is voor klanten", html, StringComparison.Ordinal);
        Assert.Contains("met de rol Beheerder", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Bel de Supportdesk", MainContent(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACustomerKeepsTheCustomersForbiddenPage()
    {
        var (status, html) = await RefusedAsync(await factory.CreateAccountAsync(), "/support");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("U heeft geen toegang tot deze pagina.", html, StringComparison.Ordinal);
        Assert.Contains("Lukt het niet? Bel de Supportdesk", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"staff-forbidden\"", html, StringComparison.Ordinal);
    }
}
