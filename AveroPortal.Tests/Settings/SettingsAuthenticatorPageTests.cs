using AveroPortal.Blazor.Features.Settings;
using AveroPortal.Core.Login;
using AveroPortal.Core.Settings;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using OtpNet;

namespace AveroPortal.Tests.Settings;

public sealed class SettingsAuthenticatorPageTests : SettingsBunitTest
{
    private static string CurrentStep(IRenderedComponent<SettingsAuthenticatorPage> cut) =>
        cut.Find("ol.login-steps li[aria-current=step]").TextContent.Trim();

    private static byte[] ShownSecret(IRenderedComponent<SettingsAuthenticatorPage> cut) =>
        Base32Encoding.ToBytes(cut.Find("[data-testid=secret-key]").TextContent.Trim().Replace(" ", "", StringComparison.Ordinal));

    private async Task<IRenderedComponent<SettingsAuthenticatorPage>> PastStepOneAsync(SignedIn account)
    {
        var cut = RenderPage<SettingsAuthenticatorPage>();
        cut.Find("#old-code").Change(CodeOf(account.Secret));
        await cut.Find("form").SubmitAsync();
        return cut;
    }

    [Fact]
    public async Task StepOneAsksForACodeFromTheOldApp()
    {
        await SignInAccountAsync();

        var cut = RenderPage<SettingsAuthenticatorPage>();

        Assert.Equal("Code uit de oude app", CurrentStep(cut));
        Assert.Equal("replace-start", cut.FindComponent<EditForm>().Instance.FormName);
        var input = cut.Find("#old-code");
        Assert.Equal("Code van 6 cijfers uit de oude app", cut.Find("label[for=old-code]").TextContent.Trim());
        Assert.Equal("one-time-code", input.GetAttribute("autocomplete"));
        Assert.Equal("numeric", input.GetAttribute("inputmode"));
        Assert.Equal("Start.Code", input.GetAttribute("name"));
        Assert.Empty(cut.FindAll("[data-testid=qr-code]"));
        Assert.Equal("Nieuwe telefoon", cut.Find("nav a[aria-current=page]").TextContent.Trim());
    }

    [Fact]
    public async Task RightOldCodeShowsTheNewKeyAsQrCodeAndInGroupsOfFour()
    {
        var account = await SignInAccountAsync();

        var cut = await PastStepOneAsync(account);

        Assert.Equal("Nieuwe app koppelen", CurrentStep(cut));
        var img = cut.Find("img[data-testid=qr-code]");
        Assert.StartsWith("data:image/png;base64,", img.GetAttribute("src"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(img.GetAttribute("alt")));
        var groups = cut.Find("[data-testid=secret-key]").TextContent.Trim().Split(' ');
        Assert.All(groups[..^1], g => Assert.Equal(4, g.Length));
        var shown = ShownSecret(cut);
        Assert.NotEqual(account.Secret, shown);
        Assert.Equal(TotpPolicy.SecretBytes, shown.Length);
        Assert.Equal("replace-confirm", cut.FindComponent<EditForm>().Instance.FormName);
        Assert.Equal("Code van 6 cijfers uit de nieuwe app", cut.Find("label[for=new-code]").TextContent.Trim());
        Assert.Equal("Confirm.Code", cut.Find("#new-code").GetAttribute("name"));
    }

    [Fact]
    public async Task TheNewKeysOpenInAppLinkCarriesTheNewSecret()
    {
        var account = await SignInAccountAsync();

        var cut = await PastStepOneAsync(account);

        var link = new Uri(cut.Find("a[data-testid=otpauth-link]").GetAttribute("href")!);
        Assert.Equal("otpauth", link.Scheme);
        Assert.Equal(ShownSecret(cut), Base32Encoding.ToBytes(link.QueryValue("secret")!));
    }

    [Fact]
    public async Task WrongOldCodeStaysAtStepOneWithTheMessage()
    {
        await SignInAccountAsync();
        var cut = RenderPage<SettingsAuthenticatorPage>();

        cut.Find("#old-code").Change("000000");
        await cut.Find("form").SubmitAsync();

        Assert.Contains("Deze code klopt niet of is al gebruikt.", cut.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Code uit de oude app", CurrentStep(cut));
        Assert.Empty(cut.FindAll("[data-testid=qr-code]"));
    }

    [Fact]
    public async Task MalformedOldCodeIsMarkedAtTheField()
    {
        await SignInAccountAsync();
        var cut = RenderPage<SettingsAuthenticatorPage>();

        cut.Find("#old-code").Change("12 34");
        await cut.Find("form").SubmitAsync();

        Assert.Equal("Controleer de gemarkeerde velden.", cut.Find("[role=alert]").TextContent.Trim());
        Assert.Equal("true", cut.Find("#old-code").GetAttribute("aria-invalid"));
        Assert.Equal("Een code bestaat uit precies 6 cijfers.", cut.Find("#old-code-error").TextContent.Trim());
    }

    [Fact]
    public async Task ReloadOfStepTwoShowsTheSameKey()
    {
        var account = await SignInAccountAsync();
        var started = await Get<AuthenticatorReplacement>().StartAsync(account.AccountId, account.SessionId, CodeOf(account.Secret), ClientInfo.Of(null, null));

        var cut = RenderPage<SettingsAuthenticatorPage>();

        Assert.Equal(Base32Encoding.ToBytes(started.Enrollment!.Base32Secret), ShownSecret(cut));
        Assert.Equal("Nieuwe app koppelen", CurrentStep(cut));
    }

    [Fact]
    public async Task WrongNewCodeKeepsTheKeyAndSaysTheOldAppStillWorks()
    {
        var account = await SignInAccountAsync();
        var cut = await PastStepOneAsync(account);
        var shown = ShownSecret(cut);

        cut.Find("#new-code").Change(CodeOf(account.Secret, 1));
        await cut.Find("form").SubmitAsync();

        Assert.Contains("Uw oude app werkt nog.", cut.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Equal(shown, ShownSecret(cut));
    }

    [Fact]
    public async Task ConfirmedNewAppIsDoneAndOffersToSignOutEverywhereElse()
    {
        var account = await SignInAccountAsync();
        var cut = await PastStepOneAsync(account);

        cut.Find("#new-code").Change(CodeOf(ShownSecret(cut)));
        await cut.Find("form").SubmitAsync();

        Assert.Equal("Klaar", CurrentStep(cut));
        Assert.Contains("Uw nieuwe authenticator-app is gekoppeld.", cut.Find("[role=status]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=qr-code]"));
        Assert.Equal("/instellingen/sessies", cut.Find("[data-testid=sign-out-offer] form").GetAttribute("action"));
        Assert.Equal(account.Email, Assert.Single(Mail.Sent).To);
    }

    [Fact]
    public async Task ExpiredReplacementGoesBackToStepOneWithTheMessage()
    {
        var account = await SignInAccountAsync();
        var cut = await PastStepOneAsync(account);
        var code = CodeOf(ShownSecret(cut));
        Clock.Advance(AuthenticatorReplacementRepository.Lifetime);

        cut.Find("#new-code").Change(code);
        await cut.Find("form").SubmitAsync();

        Assert.Contains("Deze stap is verlopen", cut.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Code uit de oude app", CurrentStep(cut));
        Assert.NotNull(cut.Find("#old-code"));
        Assert.Empty(Mail.Sent);
    }

    [Fact]
    public void IdinLoginGetsTheExplanationAndNoForm()
    {
        SignInWithIdin();

        var cut = RenderPage<SettingsAuthenticatorPage>();

        Assert.Contains("U bent ingelogd met iDIN", cut.Find("[data-testid=settings-external]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("form"));
    }

    [Fact]
    public void EHerkenningLoginGetsTheExplanationAndNoForm()
    {
        SignInWithEHerkenning();

        var cut = RenderPage<SettingsAuthenticatorPage>();

        Assert.Contains("U bent ingelogd met eHerkenning", cut.Find("[data-testid=settings-external]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("form"));
    }
}
