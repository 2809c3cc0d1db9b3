using AveroPortal.Blazor.Features.Settings;
using AveroPortal.Core.Login;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;

namespace AveroPortal.Tests.Settings;

public sealed class SettingsPasswordPageTests : SettingsBunitTest
{
    private const string NewPassword = "Fietsen langs de Zwette 1";

    private static async Task FillAndSubmitAsync(IRenderedComponent<SettingsPasswordPage> cut, string current, string code, string newPassword, string repeat)
    {
        cut.Find("#current-password").Change(current);
        cut.Find("#code").Change(code);
        cut.Find("#new-password").Change(newPassword);
        cut.Find("#repeat-password").Change(repeat);
        await cut.Find("form").SubmitAsync();
    }

    [Fact]
    public async Task LabelsEveryFieldAndLetsPasswordManagersAndAppsFillThemIn()
    {
        await SignInAccountAsync();

        var cut = RenderPage<SettingsPasswordPage>();

        var expected = new (string Id, string Label, string Type, string Autocomplete, string Name)[]
        {
            ("current-password", "Huidig wachtwoord", "password", "current-password", "Model.CurrentPassword"),
            ("code", "Code van 6 cijfers", "text", "one-time-code", "Model.Code"),
            ("new-password", "Nieuw wachtwoord", "password", "new-password", "Model.NewPassword"),
            ("repeat-password", "Herhaal het wachtwoord", "password", "new-password", "Model.Repeat"),
        };
        Assert.Equal(expected.Length, cut.FindAll("input:not([type=hidden])").Count);
        foreach (var (id, label, type, autocomplete, name) in expected)
        {
            var input = cut.Find("#" + id);
            Assert.Equal(label, cut.Find($"label[for={id}]").TextContent.Trim());
            Assert.Equal(type, input.GetAttribute("type"));
            Assert.Equal(autocomplete, input.GetAttribute("autocomplete"));
            Assert.Equal(name, input.GetAttribute("name"));
        }

        Assert.Equal("numeric", cut.Find("#code").GetAttribute("inputmode"));
        Assert.Contains("Minimaal 8 en maximaal 128 tekens", cut.Find("#" + cut.Find("#new-password").GetAttribute("aria-describedby")).TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostsAsAStaticFormUnderItsOwnName()
    {
        await SignInAccountAsync();

        var cut = RenderPage<SettingsPasswordPage>();

        Assert.Equal("post", cut.Find("form").GetAttribute("method"));
        Assert.Equal("change-password", cut.FindComponent<EditForm>().Instance.FormName);
    }

    [Fact]
    public async Task EmptyFormShowsADutchMessageAtEveryField()
    {
        await SignInAccountAsync();
        var cut = RenderPage<SettingsPasswordPage>();

        await cut.Find("form").SubmitAsync();

        Assert.Equal("Controleer de gemarkeerde velden.", cut.Find("[role=alert]").TextContent.Trim());
        var messages = new Dictionary<string, string>
        {
            ["current-password"] = "Vul uw huidige wachtwoord in.",
            ["code"] = "Vul de code van 6 cijfers in.",
            ["new-password"] = "Vul een nieuw wachtwoord in.",
            ["repeat-password"] = "Vul het nieuwe wachtwoord nog een keer in.",
        };
        foreach (var (id, message) in messages)
        {
            var input = cut.Find("#" + id);
            Assert.Equal("true", input.GetAttribute("aria-invalid"));
            Assert.Contains(id + "-error", input.GetAttribute("aria-describedby")!.Split(' '));
            Assert.Equal(message, cut.Find($"#{id}-error").TextContent.Trim());
        }
    }

    [Fact]
    public async Task WrongCurrentPasswordShowsTheMessageAndSendsNoPasswordBack()
    {
        var account = await SignInAccountAsync();
        var cut = RenderPage<SettingsPasswordPage>();

        await FillAndSubmitAsync(cut, TestPasswords.Wrong, CodeOf(account.Secret), NewPassword, NewPassword);

        Assert.Equal("Uw huidige wachtwoord klopt niet. Er is niets gewijzigd.", cut.Find("[role=alert]").TextContent.Trim());
        Assert.All(cut.FindAll("input[type=password]"), input => Assert.True(string.IsNullOrEmpty(input.GetAttribute("value"))));
        Assert.DoesNotContain(NewPassword, cut.Markup, StringComparison.Ordinal);
        Assert.Empty(Mail.Sent);
    }

    [Fact]
    public async Task UsedCodeShowsTheCodeMessage()
    {
        var account = await SignInAccountAsync();
        var code = CodeOf(account.Secret);
        await Get<PasswordLogin>().VerifyCodeAsync(account.AccountId, code, ClientInfo.Of(null, null));
        var cut = RenderPage<SettingsPasswordPage>();

        await FillAndSubmitAsync(cut, TestPasswords.Right, code, NewPassword, NewPassword);

        Assert.Contains("is al gebruikt", cut.Find("[role=alert]").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("password123", NewPasswordRepeat.Same, "Dit wachtwoord wordt veel gebruikt en is daardoor makkelijk te raden. Kies een ander wachtwoord.")]
    [InlineData("kort", NewPasswordRepeat.Same, "Kies een wachtwoord van minimaal 8 tekens.")]
    [InlineData(NewPassword, NewPasswordRepeat.Different, "De twee wachtwoorden zijn niet gelijk. Vul ze opnieuw in.")]
    public async Task NewPasswordProblemsShowTheMessagesOfAccountCreation(string newPassword, NewPasswordRepeat repeat, string message)
    {
        var account = await SignInAccountAsync();
        var cut = RenderPage<SettingsPasswordPage>();

        await FillAndSubmitAsync(cut, TestPasswords.Right, CodeOf(account.Secret), newPassword, repeat == NewPasswordRepeat.Same ? newPassword : newPassword + "x");

        Assert.Equal(message, cut.Find("[role=alert]").TextContent.Trim());
    }

    public enum NewPasswordRepeat
    {
        Same,
        Different,
    }

    [Fact]
    public async Task LockedAccountIsToldUntilWhenWithTheSupportdeskLink()
    {
        var account = await SignInAccountAsync();
        for (var i = 0; i < LockoutPolicy.MaxFailures; i++)
        {
            await Get<AccountRepository>().BeginAttemptAsync(account.AccountId);
        }

        var cut = RenderPage<SettingsPasswordPage>();
        await FillAndSubmitAsync(cut, TestPasswords.Right, CodeOf(account.Secret), NewPassword, NewPassword);

        var alert = cut.Find("[role=alert]");
        Assert.Contains("tijdelijk geblokkeerd", alert.TextContent, StringComparison.Ordinal);
        Assert.Equal("tel:+31582977234", alert.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task ChangedPasswordIsConfirmedWithTheOfferToSignOutEverywhereElse()
    {
        var account = await SignInAccountAsync();
        var cut = RenderPage<SettingsPasswordPage>();

        await FillAndSubmitAsync(cut, TestPasswords.Right, CodeOf(account.Secret), NewPassword, NewPassword);

        Assert.Contains("Uw wachtwoord is gewijzigd.", cut.Find("[role=status]").TextContent, StringComparison.Ordinal);
        Assert.Contains("We hebben u hierover ook een e-mail gestuurd.", cut.Find("[role=status]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("input[type=password]"));
        var offer = cut.Find("[data-testid=sign-out-offer] form");
        Assert.Equal("post", offer.GetAttribute("method"));
        Assert.Equal("/instellingen/sessies", offer.GetAttribute("action"));
        Assert.Equal("sign-out-elsewhere", offer.QuerySelector("input[name=_handler]")!.GetAttribute("value"));
        Assert.Equal("Overal elders uitloggen", offer.QuerySelector("button")!.TextContent.Trim());
        Assert.Equal(account.Email, Assert.Single(Mail.Sent).To);
    }

    [Fact]
    public void IdinLoginGetsTheExplanationAndNoForm()
    {
        SignInWithIdin();

        var cut = RenderPage<SettingsPasswordPage>();

        Assert.Contains("U bent ingelogd met iDIN", cut.Find("[data-testid=settings-external]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("form"));
        Assert.Empty(cut.FindAll("input"));
    }

    [Fact]
    public void EHerkenningLoginGetsTheExplanationAndNoForm()
    {
        SignInWithEHerkenning();

        var cut = RenderPage<SettingsPasswordPage>();

        Assert.Contains("eHerkenningsleverancier", cut.Find("[data-testid=settings-external]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("form"));
    }
}
