using AveroPortal.Core.Configuration;
using Microsoft.Extensions.Configuration;

namespace AveroPortal.Core.Cleanup;

/// <summary>Avero:Cleanup:IntervalMinutes, checked at start-up.</summary>
internal sealed record CleanupOptions(TimeSpan Interval)
{
    public const int DefaultIntervalMinutes = 15;
    public const int MaxIntervalMinutes = 24 * 60;

    public static CleanupOptions Read(IConfiguration configuration) => new(TimeSpan.FromMinutes(
        ConfigurationValues.IntInRange(configuration, "Avero:Cleanup:IntervalMinutes", DefaultIntervalMinutes, 1, MaxIntervalMinutes)));
}
