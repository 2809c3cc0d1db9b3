using System.Net;
using System.Text.RegularExpressions;

namespace AveroPortal.Tests.Errors;

public sealed partial class ErrorResponsesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static void AssertNoStackTrace(string text)
    {
        Assert.DoesNotContain("Exception", text);
        Assert.DoesNotContain(".cs:line", text);
        Assert.DoesNotMatch(StackFrame(), text);
    }

    [Theory]
    [InlineData("/bestaat-niet")]
    [InlineData("/inloggen/bestaat-niet")]
    public async Task UnknownAddressAnswers404WithTheDutchNotFoundPage(string path)
    {
        var response = await FormClient.For(factory).Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var text = await response.TextAsync();
        Assert.Contains(Dutch.NotFoundTitle, text);
        Assert.Contains(Dutch.Supportdesk, text);
        AssertNoStackTrace(text);
    }

    [Fact]
    public async Task ServerErrorPageIsDutchWithoutStackTrace()
    {
        var response = await FormClient.For(factory).Http.GetAsync("/fout/500");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var text = await response.TextAsync();
        Assert.Contains(Dutch.ServerErrorTitle, text);
        AssertNoStackTrace(text);
    }

    [GeneratedRegex(@"\bat [A-Z][\w.`]+\.\w+\(")]
    private static partial Regex StackFrame();
}
