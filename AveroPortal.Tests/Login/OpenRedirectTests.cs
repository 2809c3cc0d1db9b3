using System.Net;

namespace AveroPortal.Tests.Login;

/// <summary>The language switch and the login follow a return address only when it is a path on this site.</summary>
public sealed class OpenRedirectTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static TheoryData<string> HostileTargets => new()
    {
        "//evil.example",
        "/\\evil.example",
        "https://evil.example",
        "http:evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
    };

    [Theory]
    [MemberData(nameof(HostileTargets))]
    public async Task LanguageSwitchDoesNotFollowAnAddressOffSite(string target)
    {
        var response = await FormClient.For(factory).Http.GetAsync("/taal/en?terug=" + Uri.EscapeDataString(target));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task LanguageSwitchReturnsToAPathOnThisSite()
    {
        var response = await FormClient.For(factory).Http.GetAsync("/taal/en?terug=" + Uri.EscapeDataString("/inloggen/particulier"));

        Assert.Equal("/inloggen/particulier", response.Headers.Location!.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(HostileTargets))]
    public async Task LoginDoesNotFollowAReturnUrlOffSite(string target)
    {
        var landing = await LoginWithReturnUrlAsync(target);

        Assert.Equal("localhost", landing.Host);
        Assert.Equal("/mijn-overzicht", landing.PathAndQuery);
    }

    [Fact]
    public async Task LoginFollowsAReturnUrlOnThisSite()
    {
        var target = await LoginWithReturnUrlAsync("/mijn-overzicht?tab=gegevens");

        Assert.Equal("localhost", target.Host);
        Assert.Equal("/mijn-overzicht?tab=gegevens", target.PathAndQuery);
    }

    private async Task<Uri> LoginWithReturnUrlAsync(string returnUrl)
    {
        var account = await factory.CreateAccountAsync();
        var client = FormClient.For(factory);
        var password = await client.PostFormAsync("/inloggen/particulier?ReturnUrl=" + Uri.EscapeDataString(returnUrl), "password",
            new Dictionary<string, string> { ["Model.Email"] = account.Email, ["Model.Password"] = account.Password });
        Assert.Equal("/inloggen/code", password.Target().AbsolutePath);
        return (await client.PostCodeAsync(account.Code())).Target();
    }
}
