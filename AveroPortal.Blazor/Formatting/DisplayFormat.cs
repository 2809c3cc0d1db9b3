using Microsoft.Extensions.Localization;

namespace AveroPortal.Blazor.Formatting;

/// <summary>How pages show what is stored: Unix times as Dutch local time, codes by their text.</summary>
internal static class DisplayFormat
{
    /// <summary>Stored as UTC Unix seconds, shown in Dutch local time whatever the server's zone.</summary>
    public static string DutchTime(long unixSeconds, string format, IFormatProvider culture) =>
        AveroPortal.Core.DutchTime.Local(unixSeconds).ToString(format, culture);

    /// <summary>The text for a stored code; a code without one shows as stored, so a new code is never hidden.</summary>
    public static string Label(string code, IReadOnlyDictionary<string, string> keys, IStringLocalizer texts) =>
        keys.TryGetValue(code, out var key) ? texts[key] : code;
}
