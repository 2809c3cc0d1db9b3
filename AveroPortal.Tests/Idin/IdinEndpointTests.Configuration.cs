using System.Net;

namespace AveroPortal.Tests.Idin;

// Configuration that stops start-up, and a portal without iDIN configured.
public sealed partial class IdinEndpointTests
{
    [Theory]
    [InlineData("Avero:Idin:Authority", "", "Authority")]
    [InlineData("Avero:Idin:ClientId", "", "ClientId")]
    [InlineData("Avero:Idin:ClientSecret", "", "ClientSecret")]
    [InlineData("Avero:Idin:Broker", "", "Broker")]
    [InlineData("Avero:Idin:BankParameterFormat", "idin_bank", "BankParameterFormat")]
    [InlineData("Avero:Idin:RequireHttpsMetadata", "true", "https")]
    public void AMisconfigurationStopsStartUpWithAClearMessage(string key, string value, string named)
    {
        using var factory = Portal(s => s[key] = value);

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTestBrokerIsRefusedOutsideDevelopment()
    {
        using var factory = Portal(s => s["Avero:Idin:TestBroker:Enabled"] = "true");

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("Development", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheIdinTestBrokerAndARealAuthorityTogetherStopStartUp()
    {
        // Development loads appsettings.Development.json, which switches the iDIN test broker on.
        using var factory = new PortalFactory { EnvironmentName = "Development", Settings = IdinPeerPeople.PortalSettings(_peer) };

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("Avero:Idin:TestBroker:Enabled", error.Message, StringComparison.Ordinal);
        Assert.Contains("Avero:Idin:Authority", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dev/idin-broker")]
    [InlineData("ftp://bank.example/")]
    public void AnAuthorityThatIsNotAnAbsoluteHttpUrlStopsStartUp(string authority)
    {
        using var factory = Portal(s => s["Avero:Idin:Authority"] = authority);

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains($"Avero:Idin:Authority '{authority}' is geen absolute http(s)-URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutConfigurationIdinIsNotOffered()
    {
        await using var factory = new PortalFactory();
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        Assert.DoesNotContain("/inloggen/idin", await client.GetStringAsync("/inloggen"), StringComparison.Ordinal);
        Assert.Contains("niet beschikbaar", await client.GetStringAsync("/inloggen/idin"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/dev/idin-broker/.well-known/openid-configuration")).StatusCode);
    }
}
