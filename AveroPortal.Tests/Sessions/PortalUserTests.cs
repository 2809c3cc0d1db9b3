using System.Security.Claims;
using AveroPortal.Blazor.Sessions;
using AveroPortal.Core.Customers;
using AveroPortal.Core.EHerkenning.ServiceProvider;
using AveroPortal.Core.Idin;
using AveroPortal.Core.Login;

namespace AveroPortal.Tests.Sessions;

public sealed class PortalUserTests
{
    private static Account AnAccount(string portal, long? companyId = null, string? role = null) =>
        new(42, portal, "jan@example.nl", "Jan Jansen", "hash", null, companyId, 0, null, "stamp-1", role, null);

    private static PortalUser RoundTrip(PortalUser user) => PortalUser.From(user.ToPrincipal())!;

    [Fact]
    public void PasswordAccountSurvivesTheRoundTrip()
    {
        var user = PortalUser.ForAccount(AnAccount(Portals.Business, companyId: 7), LoginMethods.PasswordAndAuthenticator, "session-1");

        var read = RoundTrip(user);

        Assert.Equal(user, read);
        Assert.Equal(42, read.AccountId);
        Assert.Equal(7, read.CompanyId);
        Assert.True(read.HasAccount);
        Assert.True(read.IsBusiness);
        Assert.False(read.IsEHerkenning);
        Assert.Null(read.Staff);
    }

    [Fact]
    public void StaffMemberSurvivesTheRoundTripWithTheirRole()
    {
        var user = PortalUser.ForAccount(AnAccount(Portals.Staff, role: StaffRoles.Admin), LoginMethods.PasswordAndAuthenticator, "session-2");

        var read = RoundTrip(user);

        Assert.Equal(user, read);
        Assert.True(read.IsStaff);
        Assert.Equal(new AveroPortal.Core.Support.StaffMember(42, "jan@example.nl", StaffRoles.Admin), read.Staff);
    }

    [Fact]
    public void EHerkenningUserSurvivesTheRoundTripWithoutAnAccount()
    {
        var person = new EHerkenningIdentity(5, "broker", "12345678", "acting-1", 9, "Bakkerij De Korf", null);
        var user = PortalUser.ForEHerkenning(person, "session-3");

        var read = RoundTrip(user);

        Assert.Equal(user, read);
        Assert.True(read.IsEHerkenning);
        Assert.True(read.IsBusiness);
        Assert.Equal(9, read.CompanyId);
        Assert.Equal("Bakkerij De Korf", read.Name);
        Assert.Null(read.AccountId);
        Assert.False(read.HasAccount);
        Assert.Null(read.Staff);
    }

    [Fact]
    public void IdinUserSurvivesTheRoundTripWithoutAnAccount()
    {
        var person = new IdinIdentity(6, "bank", "bin-1", 11);
        var customer = new Customer(11, "C-11", "J.", "Jan", null, "Jansen", "1970-01-01", "Dorpsstraat", 1, null, "1234 AB", "Utrecht",
            "Adviseur", "030 123 45 67", "adviseur@example.nl");
        var user = PortalUser.ForIdin(person, customer, "session-4");

        var read = RoundTrip(user);

        Assert.Equal(user, read);
        Assert.True(read.IsIdin);
        Assert.Equal(Portals.Private, read.Portal);
        Assert.Equal(11, read.CustomerId);
        Assert.Null(read.AccountId);
        Assert.False(read.HasAccount);
    }

    [Theory]
    [InlineData(ClaimTypes.NameIdentifier)]
    [InlineData(PortalUser.MethodClaim)]
    [InlineData(PortalUser.PortalClaim)]
    public void PrincipalMissingAnIdentifyingClaimGivesNoUser(string missing)
    {
        var full = PortalUser.ForAccount(AnAccount(Portals.Private), LoginMethods.PasswordAndAuthenticator, "session-5").ToPrincipal();
        var partial = new ClaimsPrincipal(new ClaimsIdentity(full.Claims.Where(c => c.Type != missing), "test"));

        Assert.Null(PortalUser.From(partial));
    }

    [Fact]
    public void AnonymousPrincipalGivesNoUser()
    {
        Assert.Null(PortalUser.From(new ClaimsPrincipal(new ClaimsIdentity())));
        Assert.Null(PortalUser.From(null));
    }
}
