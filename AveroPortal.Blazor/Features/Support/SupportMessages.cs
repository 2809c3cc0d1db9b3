using AveroPortal.Core.Support;
using Microsoft.Extensions.Localization;

namespace AveroPortal.Blazor.Features.Support;

internal static class SupportMessages
{
    public static string For(SupportInputProblem problem, IStringLocalizer<SupportTexts> s) => problem switch
    {
        SupportInputProblem.VerificationMissing => s["VerificationMissing"],
        SupportInputProblem.ReasonMissing => s["ReasonMissing"],
        SupportInputProblem.TooLong => s["NoteTooLong"],
        SupportInputProblem.ControlCharacters => s["NoteControl"],
        _ => s["EmailInvalid"],
    };

    public static (MudBlazor.Severity Severity, string Text) For(SupportResult result, IStringLocalizer<SupportTexts> s, string doneText, string nothingText) => result.Outcome switch
    {
        SupportOutcome.Done => (MudBlazor.Severity.Success, doneText),
        SupportOutcome.NothingToDo => (MudBlazor.Severity.Info, nothingText),
        SupportOutcome.NotAllowed => (MudBlazor.Severity.Error, s["NotAllowed"]),
        SupportOutcome.NotFound => (MudBlazor.Severity.Error, s["NotFound"]),
        SupportOutcome.EmailTaken => (MudBlazor.Severity.Warning, s["EmailTaken"]),
        SupportOutcome.RateLimited => (MudBlazor.Severity.Warning, s["RateLimited"]),
        _ => (MudBlazor.Severity.Warning, For(result.Problem, s)),
    };
}
