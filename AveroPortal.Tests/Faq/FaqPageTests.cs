using System.Net;

namespace AveroPortal.Tests.Faq;

/// <summary>
/// The FAQ's recovery answers (issue 13, section 5): the self-service routes come first and the Supportdesk is the
/// fallback, in Dutch and in English.
/// </summary>
public sealed class FaqPageTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;

    public FaqPageTests(PortalFactory factory) => _factory = factory;

    private async Task<string> FaqAsync(bool english)
    {
        var client = FormClient.For(_factory);
        if (english)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/taal/en?terug=%2Fveelgestelde-vragen")).StatusCode);
        }

        return WebUtility.HtmlDecode(await client.GetAsync("/veelgestelde-vragen"));
    }

    /// <summary>The answer that follows a question, up to the next question.</summary>
    private static string AnswerTo(string page, string question)
    {
        var start = page.IndexOf(question, StringComparison.Ordinal);
        Assert.True(start >= 0, $"Question not on the page: {question}");
        var end = page.IndexOf("<summary>", start, StringComparison.Ordinal);
        return page[start..(end < 0 ? page.Length : end)];
    }

    [Theory]
    [InlineData(false, "Hoe log ik weer in?", "Ik heb mijn telefoon niet bij me", "iDIN", "058 297 72 34")]
    [InlineData(true, "How do I log in again?", "I do not have my phone with me", "iDIN", "058 297 72 34")]
    [InlineData(false, "Ik ben mijn wachtwoord vergeten", "Wachtwoord vergeten?", "herstelcode", "058 297 72 34")]
    [InlineData(true, "I forgot my password", "Forgot your password?", "recovery code", "058 297 72 34")]
    public async Task RecoveryAnswersPutSelfServiceFirstAndTheSupportdeskLast(bool english, string question, string selfService, string alternative, string supportdesk)
    {
        var answer = AnswerTo(await FaqAsync(english), question);

        var self = answer.IndexOf(selfService, StringComparison.Ordinal);
        var other = answer.IndexOf(alternative, StringComparison.Ordinal);
        var desk = answer.IndexOf(supportdesk, StringComparison.Ordinal);
        Assert.True(self >= 0 && other >= 0 && desk >= 0, answer);
        Assert.True(self < desk && other < desk, "The Supportdesk must come after the self-service routes: " + answer);
    }

    [Theory]
    [InlineData(false, "Wat zijn herstelcodes?")]
    [InlineData(false, "Ik kreeg een e-mail over een wijziging die ik niet heb gedaan")]
    [InlineData(true, "What are recovery codes?")]
    [InlineData(true, "I received an e-mail about a change I did not make")]
    public async Task TheRecoveryCodeAndDitWasIkNietQuestionsAreAnswered(bool english, string question)
    {
        var answer = AnswerTo(await FaqAsync(english), question);

        Assert.Contains("<div class=\"faq-answer\"><p>", answer, StringComparison.Ordinal);
    }
}
