using AveroPortal.Blazor.Features.Login;
using AveroPortal.Core.Login;
using Bunit;

namespace AveroPortal.Tests.Login;

public sealed class EnrollStepTests : BunitTest
{
    private static Enrollment NewEnrollment()
    {
        var base32 = TotpPolicy.ToBase32(TotpPolicy.NewSecret());
        const string email = "klant@example.com";
        return new Enrollment(base32, TotpPolicy.OtpAuthUri(base32, email), email);
    }

    private IRenderedComponent<EnrollStep> RenderStep(Enrollment enrollment, string? error = null) =>
        Render<EnrollStep>(p => p
            .Add(c => c.Enrollment, enrollment)
            .Add(c => c.Model, new CodeInput())
            .Add(c => c.Error, error));

    [Fact]
    public void ShowsTheQrCodeAsAnInlinePngWithAnAlternativeText()
    {
        var cut = RenderStep(NewEnrollment());

        var img = cut.Find("img[data-testid=qr-code]");
        var src = img.GetAttribute("src")!;
        Assert.StartsWith("data:image/png;base64,", src, StringComparison.Ordinal);
        var png = Convert.FromBase64String(src["data:image/png;base64,".Length..]);
        Assert.Equal<byte>([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        Assert.False(string.IsNullOrWhiteSpace(img.GetAttribute("alt")));
    }

    [Fact]
    public void ShowsTheSecretKeyInGroupsOfFour()
    {
        var enrollment = NewEnrollment();

        var cut = RenderStep(enrollment);

        var shown = cut.Find("[data-testid=secret-key]").TextContent.Trim();
        var groups = shown.Split(' ');
        Assert.All(groups[..^1], g => Assert.Equal(4, g.Length));
        Assert.InRange(groups[^1].Length, 1, 4);
        Assert.Equal(enrollment.Base32Secret, string.Concat(groups));
    }

    [Fact]
    public void ConfirmsWithTheEnrollForm()
    {
        var cut = RenderStep(NewEnrollment());

        Assert.Equal("enroll", cut.FindComponent<CodeForm>().Instance.FormName);
        Assert.Equal("Model.Code", cut.Find("#code").GetAttribute("name"));
        Assert.Equal("Koppelen en inloggen", cut.Find("button[type=submit]").TextContent.Trim());
    }

    [Fact]
    public void ShowsTheErrorOfTheConfirmation()
    {
        var cut = RenderStep(NewEnrollment(), error: "Deze code klopt niet.");

        Assert.Equal("Deze code klopt niet.", cut.Find("[role=alert]").TextContent.Trim());
    }
}
