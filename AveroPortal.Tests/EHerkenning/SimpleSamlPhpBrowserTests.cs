using System.Security.Cryptography.X509Certificates;
using AveroPortal.Core.Customers;
using AveroPortal.Core.EHerkenning;
using Microsoft.Playwright;

namespace AveroPortal.Tests.EHerkenning;

/// <summary>
/// The portal as SP against a real, independent SAML IdP: Debian's SimpleSAMLphp served by `php -S` on loopback,
/// answering by HTTP-POST, checking the portal's AuthnRequest signature.
/// </summary>
public sealed class SimpleSamlPhpBrowserTests : IAsyncLifetime
{
    private SimpleSamlPhpIdp _idp = default!;
    private BrowserFixture _browser = default!;

    public async Task InitializeAsync()
    {
        var port = PortalFactory.FreePort();
        var baseUrl = $"http://127.0.0.1:{port}/";
        var portal = new PortalFactory();
        using var spCertificate = SamlCertificates.CreateSelfSigned("CN=AveroPortal test SP");
        var pfx = Path.Combine(portal.Directory, "sp.pfx");
        await File.WriteAllBytesAsync(pfx, spCertificate.Export(X509ContentType.Pfx, "test"));

        _idp = await SimpleSamlPhpIdp.StartAsync(new SimpleSamlPhpSp(EHerkenningSettings.SpEntityId, baseUrl + "eherkenning/acs", spCertificate.ExportCertificatePem()));
        var metadata = Path.Combine(portal.Directory, "idp-metadata.xml");
        await File.WriteAllTextAsync(metadata, await _idp.GetMetadataXmlAsync());

        var settings = EHerkenningSettings.For(baseUrl, testBroker: false);
        settings["Avero:EHerkenning:SigningCertificate:Path"] = pfx;
        settings["Avero:EHerkenning:SigningCertificate:Password"] = "test";
        settings["Avero:EHerkenning:Broker:MetadataPath"] = metadata;
        // SimpleSAMLphp signs its metadata with its own key: that certificate is the pin, as a broker's published one would be.
        var pin = Path.Combine(portal.Directory, "idp-metadata-signing.pem");
        await File.WriteAllTextAsync(pin, _idp.CertificatePem);
        settings["Avero:EHerkenning:Broker:MetadataSigningCertificate"] = pin;
        settings["Avero:EHerkenning:Broker:ResponseBinding"] = "Post";
        foreach (var (key, value) in settings)
        {
            portal.Settings[key] = value;
        }

        _browser = new BrowserFixture(portal, port);
        await _browser.InitializeAsync();
        await portal.Get<CustomerRepository>().AddCompanyAsync(new Company(0, "24444001", "Bakkerij De Korenbloem B.V.", "Leeuwarden", 1,
            "Adviseur", "058 000 00 00", "adviseur@example.com"));
    }

    [Fact]
    public async Task ALoginThroughSimpleSamlPhpWithAKvkNumberReachesTheCompanyOverview()
    {
        var page = await LogInAtIdpAsync(SimpleSamlPhpIdp.UserWithKvk);

        await page.WaitForURLAsync("**/mijn-overzicht", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByText("Bakkerij De Korenbloem B.V.").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("24444001")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ALoginWithoutKvkNumberIsRefused()
    {
        var page = await LogInAtIdpAsync(SimpleSamlPhpIdp.UserWithoutKvk);

        await page.WaitForURLAsync("**/inloggen/eherkenning/mislukt?reden=kvk", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Zonder geldig KVK-nummer");
    }

    public async Task DisposeAsync()
    {
        // The browser fixture fails the test on a Content-Security-Policy violation; the other servers stop all the same.
        try
        {
            await _browser.DisposeAsync();
        }
        finally
        {
            await _idp.DisposeAsync();
        }
    }

    private async Task<IPage> LogInAtIdpAsync(string user)
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync("/inloggen/eherkenning");
        await page.GetByTestId("eherkenning-start").ClickAsync();
        await page.WaitForURLAsync($"{_idp.BaseUrl}**", new() { Timeout = 15_000 });
        await page.Locator("input[name='username']").FillAsync(user);
        await page.Locator("input[name='password']").FillAsync(SimpleSamlPhpIdp.Password);
        await page.Locator("input[name='password']").PressAsync("Enter");
        return page;
    }
}
