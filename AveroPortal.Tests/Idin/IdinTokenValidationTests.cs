using AveroPortal.Blazor.Features.Idin;
using Dapper;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AveroPortal.Tests.Idin;

/// <summary>
/// What the portal refuses from the broker: each case ends on the clear failure page with nothing signed in. The
/// broker is the real oidc-provider peer; the tokens are changed in the portal's backchannel and signed again with
/// the broker's own key, so each test hits the check it names.
/// </summary>
public sealed class IdinTokenValidationTests : IAsyncLifetime
{
    private OidcProviderPeer _peer = default!;
    private BrowserFixture _browser = default!;
    private IdTokenTampering _tampering = default!;

    public async Task InitializeAsync()
    {
        var port = PortalFactory.FreePort();
        _peer = await IdinPeerPeople.StartPeerAsync(port);
        _tampering = new IdTokenTampering(_peer.SigningKey, _peer.KeyId);
        var portal = new PortalFactory
        {
            Settings = IdinPeerPeople.PortalSettings(_peer),
            ConfigureServices = services => services.Configure<OpenIdConnectOptions>(IdinSetup.BrokerScheme,
                options => options.BackchannelHttpHandler = _tampering),
        };
        _browser = new BrowserFixture(portal, port);
        await _browser.InitializeAsync();
        await IdinPeerPeople.AddCustomersAsync(_browser.Portal);
    }

    private async Task<IPage> LogInAtTheBankAsync(string login = "jan")
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync("/inloggen/idin");
        await page.GetByLabel("ING", new() { Exact = true }).CheckAsync();
        await page.GetByTestId("idin-start").ClickAsync();
        await page.Locator("#login").FillAsync(login);
        await page.Locator("#submit").ClickAsync();
        return page;
    }

    private async Task ExpectRefusedAsync(IPage page, int sessionsBefore = 0)
    {
        await page.WaitForURLAsync("**/inloggen/idin/mislukt");
        await Assertions.Expect(page.GetByTestId("idin-failed")).ToContainTextAsync("U bent niet ingelogd");
        await page.ExpectAccessibleAsync();
        await page.GotoAsync("/mijn-overzicht");
        await page.WaitForURLAsync("**/inloggen?ReturnUrl=*");
        await using var connection = await _browser.Portal.Get<AveroPortal.Core.Data.Db>().OpenAsync();
        Assert.Equal(sessionsBefore, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sessions"));
        Assert.True(await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM login_events WHERE method = 'idin' AND outcome = 'failed'") >= 1);
    }

    [Fact]
    public async Task AnUntouchedTokenSignsIn()
    {
        // The control case: the tampering handler itself lets a good login through.
        var page = await LogInAtTheBankAsync();
        await page.WaitForURLAsync("**/mijn-overzicht");
    }

    [Fact]
    public async Task ATamperedSignatureIsRefused()
    {
        _tampering.Tamper = IdTokenTampering.FlipSignatureBit;
        await ExpectRefusedAsync(await LogInAtTheBankAsync());
    }

    [Fact]
    public async Task AChangedClaimUnderTheOriginalSignatureIsRefused()
    {
        // Someone else's postcode in an otherwise genuine token: the signature no longer covers the payload.
        _tampering.Tamper = token =>
        {
            var parts = token.Split('.');
            var forged = _tampering.Resign(token, payload => payload["urn:nl:bvn:bankid:1.0:consumer.postalcode"] = "9711GB").Split('.');
            return parts[0] + "." + forged[1] + "." + parts[2];
        };
        await ExpectRefusedAsync(await LogInAtTheBankAsync());
    }

    [Fact]
    public async Task AWrongIssuerIsRefused()
    {
        _tampering.Tamper = token => _tampering.Resign(token, payload => payload["iss"] = "https://andere-makelaar.example");
        await ExpectRefusedAsync(await LogInAtTheBankAsync());
    }

    [Fact]
    public async Task AWrongAudienceIsRefused()
    {
        _tampering.Tamper = token => _tampering.Resign(token, payload => payload["aud"] = "een-andere-client");
        await ExpectRefusedAsync(await LogInAtTheBankAsync());
    }

    [Fact]
    public async Task AnExpiredTokenIsRefused()
    {
        var past = DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeSeconds();
        _tampering.Tamper = token => _tampering.Resign(token, payload =>
        {
            payload["iat"] = past - 300;
            payload["exp"] = past;
        });
        await ExpectRefusedAsync(await LogInAtTheBankAsync());
    }

    [Fact]
    public async Task AReplayedNonceIsRefused()
    {
        // A genuine token from an earlier login, replayed into a new one: its nonce belongs to the old login.
        var first = await LogInAtTheBankAsync();
        await first.WaitForURLAsync("**/mijn-overzicht");
        var old = _tampering.Issued.Single();
        _tampering.Tamper = _ => old;

        await ExpectRefusedAsync(await LogInAtTheBankAsync(), sessionsBefore: 1);
    }

    [Fact]
    public async Task ACallbackWithoutStateIsRefused()
    {
        var page = await _browser.NewPageAsync();
        await page.GotoAsync("/idin/callback?code=abc&iss=" + Uri.EscapeDataString(_peer.Issuer));
        await ExpectRefusedAsync(page);
    }

    [Fact]
    public async Task AReusedCodeIsRefused()
    {
        // A first login redeems its code; the second login presents that used code to the broker instead of its own
        // (state, nonce cookie and PKCE verifier are the second login's own): the broker refuses it, so do we.
        var first = await LogInAtTheBankAsync();
        await first.WaitForURLAsync("**/mijn-overzicht");
        _tampering.InjectedCode = _tampering.Redeemed.Single();

        await ExpectRefusedAsync(await LogInAtTheBankAsync(), sessionsBefore: 1);
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
            await _peer.DisposeAsync();
            _tampering.Dispose();
        }
    }
}
