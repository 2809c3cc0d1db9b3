using AveroPortal.Blazor.Features.Login;
using Bunit;

namespace AveroPortal.Tests.Login;

public sealed class LoginStepsTests : BunitTest
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void MarksOnlyTheCurrentStep(int current)
    {
        var cut = Render<LoginSteps>(p => p.Add(c => c.Current, current));

        var steps = cut.FindAll("ol > li");
        Assert.Equal(3, steps.Count);
        for (var i = 0; i < steps.Count; i++)
        {
            Assert.Equal(i + 1 == current ? "step" : null, steps[i].GetAttribute("aria-current"));
        }
    }

    [Fact]
    public void MarksEarlierStepsAsDone()
    {
        var cut = Render<LoginSteps>(p => p.Add(c => c.Current, 3));

        var steps = cut.FindAll("ol > li");
        Assert.Equal(["done", "done", "current"], steps.Select(s => s.ClassName ?? ""));
    }

    [Fact]
    public void LabelsTheListForScreenReaders()
    {
        var cut = Render<LoginSteps>(p => p.Add(c => c.Current, 1));

        Assert.Equal("Stappen van het inloggen", cut.Find("ol").GetAttribute("aria-label"));
    }

    [Fact]
    public void NamesTheThirdStepForTheCodeByDefault()
    {
        var cut = Render<LoginSteps>(p => p.Add(c => c.Current, 3));

        Assert.Equal(["Portaal kiezen", "E-mail en wachtwoord", "Code uit de app"], cut.FindAll("ol > li").Select(s => s.TextContent.Trim()));
    }

    [Fact]
    public void NamesTheThirdStepForEnrollmentWhileEnrolling()
    {
        var cut = Render<LoginSteps>(p => p.Add(c => c.Current, 3).Add(c => c.Enrolling, true));

        Assert.Equal("Authenticator-app koppelen", cut.FindAll("ol > li")[2].TextContent.Trim());
    }
}
