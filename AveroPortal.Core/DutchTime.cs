namespace AveroPortal.Core;

/// <summary>
/// Times are stored as UTC (Unix seconds); customers, agents and mails read Dutch local time, whatever the
/// server's own time zone. The one place that knows the zone.
/// </summary>
public static class DutchTime
{
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateTimeOffset Local(DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, Amsterdam);

    public static DateTimeOffset Local(long unixSeconds) => Local(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));
}
