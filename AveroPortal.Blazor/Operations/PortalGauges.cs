using System.Diagnostics.Metrics;
using AveroPortal.Core.Operations;
using AveroPortal.Core.Sessions;

namespace AveroPortal.Blazor.Operations;

/// <summary>
/// The two gauges, read at each scrape: active sessions (in the shared database, so every instance reports the same
/// total) and open circuits (this instance's own).
/// </summary>
internal sealed class PortalGauges(IMeterFactory meters, SessionRepository sessions, CircuitCounter circuits, ILogger<PortalGauges> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The factory's meter is disposed with the host, and its gauges with it.
        var meter = meters.Create(PortalMetrics.MeterName);
        meter.CreateObservableGauge("avero.sessions.active", ActiveSessions, "{session}", "Signed-in sessions that are open now (all instances: the shared database).");
        meter.CreateObservableGauge("avero.circuits.open", () => circuits.Open, "{circuit}", "Interactive circuits open on this instance.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<long>> ActiveSessions()
    {
        long count;
        try
        {
            count = sessions.CountActive();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            // No database, no number: the readiness check says why; the scrape goes on without this gauge.
            logger.LogWarning("Active sessions not counted: {Error}", LogScrub.Exception(e));
            return [];
        }

        return [new Measurement<long>(count)];
    }
}
