using Microsoft.Extensions.Localization;

namespace AveroPortal.Blazor.Formatting;

/// <summary>
/// The one home of the words for stored codes: login-event methods and outcomes, support actions and freeze reasons,
/// in the reader's language, wherever they are shown (support desk, the customer's login history). The texts are
/// keyed by the code itself (tools/texts_labels.py), so a new code needs only its two texts.
/// </summary>
internal static class EventLabels
{
    public const string MethodPrefix = "EventMethod.";
    public const string OutcomePrefix = "EventOutcome.";
    public const string ActionPrefix = "SupportAction.";
    public const string FreezeReasonPrefix = "FreezeReason.";
    public const string CompanyActionPrefix = "CompanyAuditAction.";
    public const string CompanyActorPrefix = "CompanyAuditActor.";

    public static string Method(string code, IStringLocalizer<Texts> texts) => Label(MethodPrefix, code, texts);

    public static string Outcome(string code, IStringLocalizer<Texts> texts) => Label(OutcomePrefix, code, texts);

    public static string Action(string code, IStringLocalizer<Texts> texts) => Label(ActionPrefix, code, texts);

    public static string FreezeReason(string? code, IStringLocalizer<Texts> texts) => code is null ? "" : Label(FreezeReasonPrefix, code, texts);

    /// <summary>What a company-audit row records (Core's CompanyAuditActions), for /collegas and the Supportdesk.</summary>
    public static string CompanyAction(string code, IStringLocalizer<Texts> texts) => Label(CompanyActionPrefix, code, texts);

    /// <summary>Who acted in a company-audit row: a colleague, the Supportdesk or the customer.</summary>
    public static string CompanyActor(string code, IStringLocalizer<Texts> texts) => Label(CompanyActorPrefix, code, texts);

    /// <summary>A code without a text shows as stored, so an unknown code is never hidden (the tests keep the list complete).</summary>
    private static string Label(string prefix, string code, IStringLocalizer<Texts> texts)
    {
        var text = texts[prefix + code];
        return text.ResourceNotFound ? code : text.Value;
    }
}
