using AveroPortal.Blazor.Features.Login;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;

namespace AveroPortal.Tests.Login;

public sealed class CodeFormTests : BunitTest
{
    private IRenderedComponent<CodeForm> RenderForm(string formName = "code", string submitText = "Inloggen", string? error = null) =>
        Render<CodeForm>(p => p
            .Add(c => c.Model, new CodeInput())
            .Add(c => c.FormName, formName)
            .Add(c => c.SubmitText, submitText)
            .Add(c => c.Error, error));

    [Fact]
    public void AsksForAOneTimeCodeWithANumericKeyboard()
    {
        var input = RenderForm().Find("#code");

        Assert.Equal("one-time-code", input.GetAttribute("autocomplete"));
        Assert.Equal("numeric", input.GetAttribute("inputmode"));
    }

    [Fact]
    public void NamesTheFieldAfterTheModelThePageBinds()
    {
        var cut = RenderForm();

        Assert.Equal("Model.Code", cut.Find("#code").GetAttribute("name"));
        Assert.Equal("post", cut.Find("form").GetAttribute("method"));
    }

    [Theory]
    [InlineData("code")]
    [InlineData("enroll")]
    public void PostsToTheGivenFormName(string formName)
    {
        // The _handler field itself is written by the server's HTML renderer, which bUnit does not run.
        var form = RenderForm(formName: formName).FindComponent<EditForm>();

        Assert.Equal(formName, form.Instance.FormName);
    }

    [Fact]
    public void LabelsTheFieldAndDescribesItWithTheHint()
    {
        var cut = RenderForm();

        Assert.Equal("Code van 6 cijfers", cut.Find("label[for=code]").TextContent.Trim());
        var hint = cut.Find("#" + cut.Find("#code").GetAttribute("aria-describedby"));
        Assert.Contains("authenticator-app", hint.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowsTheGivenSubmitText()
    {
        var cut = RenderForm(submitText: "Koppelen en inloggen");

        Assert.Equal("Koppelen en inloggen", cut.Find("button[type=submit]").TextContent.Trim());
    }

    [Fact]
    public void ShowsNoAlertWithoutAnError()
    {
        Assert.Empty(RenderForm().FindAll("[role=alert]"));
    }

    [Fact]
    public void ShowsTheErrorAsAnAlert()
    {
        var cut = RenderForm(error: "Deze code klopt niet.");

        Assert.Equal("Deze code klopt niet.", cut.Find("[role=alert]").TextContent.Trim());
    }
}
