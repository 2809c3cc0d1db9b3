using System.Globalization;
using AveroPortal.Blazor.Formatting;
using AveroPortal.Core.Login;
using AveroPortal.Core.Settings;
using Microsoft.Extensions.Localization;

namespace AveroPortal.Blazor.Features.Settings;

/// <summary>How the settings pages show times, browsers and field problems (methods and outcomes: <see cref="EventLabels"/>).</summary>
internal static class SettingsFormat
{
    /// <summary>Dutch local time whatever the server's zone, in the customer's language: "2 mrt 2026 10:00".</summary>
    public static string LocalTime(long unixSeconds) => DisplayFormat.DutchTime(unixSeconds, "d MMM yyyy HH:mm", CultureInfo.CurrentCulture);

    public static string Browser(string? userAgent, IStringLocalizer<Texts> l)
    {
        var summary = BrowserSummary.Of(userAgent);
        return (summary.Browser, summary.System) switch
        {
            ({ } browser, { } system) => l["SettingsBrowserOn", browser, system],
            ({ } browser, null) => browser,
            (null, { } system) => system,
            _ => l["SettingsUnknown"],
        };
    }

    /// <summary>The message for a problem with one field; null when the field is fine.</summary>
    public static string? FieldProblem(InputProblem problem, string missingKey, string tooLongKey, IStringLocalizer<Texts> l) => problem switch
    {
        InputProblem.None => null,
        InputProblem.Missing => l[missingKey].Value,
        InputProblem.TooLong => l[tooLongKey].Value,
        InputProblem.ControlCharacters => l["ControlCharacters"].Value,
        _ => l["FixFields"].Value,
    };

    public static string? CodeProblem(InputProblem problem, IStringLocalizer<Texts> l) => problem switch
    {
        InputProblem.None => null,
        InputProblem.Missing => l["CodeMissing"].Value,
        _ => l["CodeInvalidFormat"].Value,
    };
}
