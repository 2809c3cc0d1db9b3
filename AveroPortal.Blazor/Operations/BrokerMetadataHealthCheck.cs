using AveroPortal.Core.EHerkenning.ServiceProvider;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AveroPortal.Blazor.Operations;

/// <summary>With eHerkenning on: trusted broker metadata within its validUntil is at hand (otherwise no login can start).</summary>
internal sealed class BrokerMetadataHealthCheck(IServiceProvider services) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<IBrokerMetadataSource>() is not { } source)
        {
            return HealthCheckResult.Healthy("eHerkenning is off");
        }

        try
        {
            await source.GetAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (BrokerMetadataUnavailableException e)
        {
            return HealthCheckResult.Unhealthy("no trusted broker metadata: " + e.Message);
        }
    }
}
