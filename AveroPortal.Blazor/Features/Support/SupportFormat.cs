using System.Globalization;
using AveroPortal.Blazor.Formatting;

namespace AveroPortal.Blazor.Features.Support;

internal static class SupportFormat
{
    /// <summary>Agents read Dutch local time to the second, the same in every language: "2-3-2026 10:00:00".</summary>
    public static string Time(long unixSeconds) => DisplayFormat.DutchTime(unixSeconds, "d-M-yyyy HH:mm:ss", CultureInfo.InvariantCulture);
}
