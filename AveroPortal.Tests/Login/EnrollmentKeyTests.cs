using AveroPortal.Blazor.Features.Login;
using AveroPortal.Core.Login;
using Bunit;

namespace AveroPortal.Tests.Login;

public sealed class EnrollmentKeyTests : BunitTest
{
    private static Enrollment NewEnrollment()
    {
        var base32 = TotpPolicy.ToBase32(TotpPolicy.NewSecret());
        const string email = "klant@example.com";
        return new Enrollment(base32, TotpPolicy.OtpAuthUri(base32, email), email);
    }

    [Fact]
    public void TheOpenInAppLinkCarriesTheSameSecretAsTheKeyShown()
    {
        var enrollment = NewEnrollment();

        var cut = Render<EnrollmentKey>(p => p.Add(c => c.Enrollment, enrollment));

        var link = cut.Find("a[data-testid=otpauth-link]");
        Assert.Equal("Open in uw authenticator-app", link.TextContent.Trim());
        var uri = new Uri(link.GetAttribute("href")!);
        Assert.Equal("otpauth", uri.Scheme);
        Assert.Equal("totp", uri.Host);
        var shownKey = cut.Find("[data-testid=secret-key]").TextContent.Trim().Replace(" ", "", StringComparison.Ordinal);
        Assert.Equal(shownKey, uri.QueryValue("secret"));
        Assert.Equal(enrollment.OtpAuthUri, link.GetAttribute("href"));
    }

    [Fact]
    public void TheQrCodeAndTheLinkHoldTheSameUri()
    {
        var enrollment = NewEnrollment();

        var cut = Render<EnrollmentKey>(p => p.Add(c => c.Enrollment, enrollment));

        Assert.Equal(QrCodes.PngDataUri(cut.Find("a[data-testid=otpauth-link]").GetAttribute("href")!), cut.Find("img[data-testid=qr-code]").GetAttribute("src"));
    }

    [Fact]
    public void TheLinkSendsNoReferrer()
    {
        var cut = Render<EnrollmentKey>(p => p.Add(c => c.Enrollment, NewEnrollment()));

        Assert.Equal("noreferrer", cut.Find("a[data-testid=otpauth-link]").GetAttribute("rel"));
    }
}
