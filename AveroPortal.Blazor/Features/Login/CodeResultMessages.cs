using AveroPortal.Core.Login;
using Microsoft.Extensions.Localization;

namespace AveroPortal.Blazor.Features.Login;

internal static class CodeResultMessages
{
    public static string For(CodeStepResult result, IStringLocalizer<Texts> l) => result.Outcome switch
    {
        CodeStepOutcome.LockedOut => l["LockedOut", LoginTexts.LocalTime(result.LockedUntil)],
        CodeStepOutcome.BadInput when result.Problem == InputProblem.Missing => l["CodeMissing"],
        CodeStepOutcome.BadInput => l["CodeInvalidFormat"],
        _ => l["CodeWrong"],
    };
}
