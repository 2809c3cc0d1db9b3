using System.Globalization;

namespace AveroPortal.Blazor.Features.Colleagues;

internal static class ColleagueFormat
{
    /// <summary>Stored as UTC Unix seconds; shown in Dutch local time, in the page's language.</summary>
    public static string Time(long unixSeconds) =>
        Core.DutchTime.Local(unixSeconds).ToString("d MMMM yyyy HH:mm", CultureInfo.CurrentCulture);
}
