using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AveroPortal.Core.Cleanup;

/// <summary>
/// Runs <see cref="OneTimeRecordCleanup"/> every interval. The first pass comes one interval after start-up, not at
/// it: a test host (or a fresh instance) never has rows deleted under it while it starts. Every instance of a
/// scaled-out portal runs it; deleting a dead row twice is harmless. A failed pass is logged and tried again at the
/// next interval, it never stops the portal.
/// </summary>
internal sealed class OneTimeRecordCleanupService(OneTimeRecordCleanup cleanup, CleanupOptions options, ILogger<OneTimeRecordCleanupService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Real time on purpose, not the injected TimeProvider: a test clock moved by hours must not fire passes.
        using var timer = new PeriodicTimer(options.Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var deleted = await cleanup.RunOnceAsync(stoppingToken);
                if (deleted.Values.Sum() > 0)
                {
                    logger.LogInformation("Cleanup deleted one-time records: {Deleted}.",
                        string.Join(", ", deleted.Where(d => d.Value > 0).Select(d => $"{d.Key} {d.Value}")));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Cleanup of one-time records failed; it runs again in {Interval}.", options.Interval);
            }
        }
    }
}
