using System.Net;
using AveroPortal.Core.Login;
using AveroPortal.Core.Support;

namespace AveroPortal.Tests.Support;

public sealed class SupportSessionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task SessionsOfAnUnlinkedAccountEnd()
    {
        var customer = await factory.CreateAccountAsync();
        var agent = await factory.CreateStaffAsync();
        var phone = FormClient.For(factory);
        var laptop = FormClient.For(factory);
        await phone.LoginAsync(customer);
        await laptop.PostPasswordAsync(customer.PortalSlug, customer.Email, customer.Password);
        await laptop.PostCodeAsync(customer.Code(1));
        Assert.Equal(HttpStatusCode.OK, (await phone.Http.GetAsync("/mijn-overzicht")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.Http.GetAsync("/mijn-overzicht")).StatusCode);

        var result = await factory.Get<SupportActions>().UnlinkAuthenticatorAsync(
            new StaffMember(agent.Id, agent.Email, StaffRoles.SupportAgent),
            customer.Id, new ActionRequest("geboortedatum + polisnummer", "nieuwe telefoon", "127.0.0.1"));

        Assert.Equal(SupportOutcome.Done, result.Outcome);
        foreach (var client in new[] { phone, laptop })
        {
            var response = await client.Http.GetAsync("/mijn-overzicht");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/inloggen", response.Headers.Location!.AbsolutePath);
        }
    }
}
