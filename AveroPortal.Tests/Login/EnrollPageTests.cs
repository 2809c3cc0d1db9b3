using System.Net;
using System.Text.RegularExpressions;

namespace AveroPortal.Tests.Login;

/// <summary>The enrolment page through HTTP: the secret it shows (QR, key, otpauth link) stays in the page.</summary>
public sealed partial class EnrollPageTests : IDisposable
{
    private readonly CapturedLog _log = new();
    private readonly PortalFactory _factory;

    public EnrollPageTests() => _factory = new PortalFactory { ConfigureServices = _log.AddTo };

    public void Dispose() => _factory.Dispose();

    [GeneratedRegex("href=\"(otpauth://[^\"]+)\"")]
    private static partial Regex OtpAuthLink();

    [GeneratedRegex("data-testid=\"secret-key\"[^>]*>([^<]+)<")]
    private static partial Regex SecretKey();

    [Fact]
    public async Task TheOtpAuthLinkCarriesTheShownKeyAndNeitherLeaksIntoRefererCacheOrLogs()
    {
        var account = await _factory.CreateAccountAsync(enrolled: false);
        var client = FormClient.For(_factory);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostPasswordAsync(account.PortalSlug, account.Email, account.Password)).StatusCode);

        var response = await client.Http.GetAsync("/inloggen/koppelen");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var link = new Uri(WebUtility.HtmlDecode(OtpAuthLink().Match(html).Groups[1].Value));
        var key = SecretKey().Match(html).Groups[1].Value.Trim().Replace(" ", "", StringComparison.Ordinal);
        Assert.Matches("^[A-Z2-7]{32}$", key);
        Assert.Equal(key, link.QueryValue("secret"));
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.DoesNotContain(_log.Lines, line => line.Message.Contains(key, StringComparison.Ordinal) || line.Message.Contains("otpauth", StringComparison.OrdinalIgnoreCase));
    }
}
