using AveroPortal.Blazor.Features.Login;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;

namespace AveroPortal.Tests.Login;

public sealed class PasswordFormTests : BunitTest
{
    private IRenderedComponent<PasswordForm> RenderForm(
        PasswordInput? model = null, string? error = null, string? emailError = null, string? passwordError = null) =>
        Render<PasswordForm>(p => p
            .Add(c => c.Model, model ?? new PasswordInput())
            .Add(c => c.Error, error)
            .Add(c => c.EmailError, emailError)
            .Add(c => c.PasswordError, passwordError));

    [Fact]
    public void PostsTheFormAsANormalFormPost()
    {
        var form = RenderForm().Find("form");

        Assert.Equal("post", form.GetAttribute("method"));
    }

    [Fact]
    public void NamesTheFieldsAfterTheModelThePageBinds()
    {
        var cut = RenderForm();

        Assert.Equal("Model.Email", cut.Find("#email").GetAttribute("name"));
        Assert.Equal("Model.Password", cut.Find("#password").GetAttribute("name"));
    }

    [Fact]
    public void PostsToThePasswordFormHandler()
    {
        // The _handler field itself is written by the server's HTML renderer, which bUnit does not run.
        var form = RenderForm().FindComponent<EditForm>();

        Assert.Equal("password", form.Instance.FormName);
    }

    [Fact]
    public void LetsPasswordManagersFillInTheFields()
    {
        var cut = RenderForm();

        var email = cut.Find("#email");
        var password = cut.Find("#password");
        Assert.Equal("username", email.GetAttribute("autocomplete"));
        Assert.Equal("email", email.GetAttribute("type"));
        Assert.Equal("current-password", password.GetAttribute("autocomplete"));
        Assert.Equal("password", password.GetAttribute("type"));
    }

    [Fact]
    public void BindsEachLabelToItsInput()
    {
        var cut = RenderForm();

        var labels = cut.FindAll("label");
        Assert.Equal(2, labels.Count);
        Assert.All(labels, label => Assert.Single(cut.FindAll("input#" + label.GetAttribute("for"))));
        Assert.Equal("E-mailadres", cut.Find("label[for=email]").TextContent.Trim());
        Assert.Equal("Wachtwoord", cut.Find("label[for=password]").TextContent.Trim());
    }

    [Fact]
    public void ShowsNoAlertWithoutAnError()
    {
        var cut = RenderForm();

        Assert.Empty(cut.FindAll("[role=alert]"));
        Assert.Empty(cut.FindAll(".field-error"));
        Assert.False(cut.Find("#email").HasAttribute("aria-describedby"));
        Assert.False(cut.Find("#password").HasAttribute("aria-describedby"));
    }

    [Fact]
    public void ShowsTheErrorAsAnAlert()
    {
        var cut = RenderForm(error: "E-mailadres of wachtwoord klopt niet.");

        var alert = cut.Find("[role=alert]");
        Assert.Equal("E-mailadres of wachtwoord klopt niet.", alert.TextContent.Trim());
    }

    [Fact]
    public void RendersTheErrorsSupportdeskLinkAsALink()
    {
        var cut = RenderForm(error: """Bel de Supportdesk op <a href="tel:+31582977234">058 297 72 34</a>.""");

        Assert.Equal("tel:+31582977234", cut.Find("[role=alert] a").GetAttribute("href"));
    }

    [Fact]
    public void PointsTheEmailFieldAtItsMessage()
    {
        var cut = RenderForm(emailError: "Vul een geldig e-mailadres in.");

        var message = cut.Find("#" + cut.Find("#email").GetAttribute("aria-describedby"));
        Assert.Equal("Vul een geldig e-mailadres in.", message.TextContent.Trim());
        Assert.Equal("true", cut.Find("#email").GetAttribute("aria-invalid"));
        Assert.Equal("false", cut.Find("#password").GetAttribute("aria-invalid"));
        Assert.False(cut.Find("#password").HasAttribute("aria-describedby"));
    }

    [Fact]
    public void PointsThePasswordFieldAtItsMessage()
    {
        var cut = RenderForm(passwordError: "Vul uw wachtwoord in.");

        var message = cut.Find("#" + cut.Find("#password").GetAttribute("aria-describedby"));
        Assert.Equal("Vul uw wachtwoord in.", message.TextContent.Trim());
    }

    [Fact]
    public void KeepsTheEmailButNeverRendersAPasswordValue()
    {
        var cut = RenderForm(new PasswordInput { Email = "klant@example.com", Password = null });

        Assert.Equal("klant@example.com", cut.Find("#email").GetAttribute("value"));
        Assert.True(string.IsNullOrEmpty(cut.Find("#password").GetAttribute("value")));
        Assert.DoesNotContain("value=", cut.Find("#password").OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowsTheFormInEnglishWhenTheCustomerChoseEnglish()
    {
        UseCulture("en");

        var cut = RenderForm();

        Assert.Equal("E-mail address", cut.Find("label[for=email]").TextContent.Trim());
        Assert.Equal("Password", cut.Find("label[for=password]").TextContent.Trim());
        Assert.Equal("Next", cut.Find("button[type=submit]").TextContent.Trim());
    }
}
