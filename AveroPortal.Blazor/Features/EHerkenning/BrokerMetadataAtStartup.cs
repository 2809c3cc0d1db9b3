using AveroPortal.Core.EHerkenning.ServiceProvider;

namespace AveroPortal.Blazor.Features.EHerkenning;

/// <summary>No valid broker metadata at start-up stops start-up: a portal that can not trust its broker should not run.</summary>
internal sealed class BrokerMetadataAtStartup(IBrokerMetadataSource source) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await source.GetAsync(cancellationToken);
        }
        catch (BrokerMetadataUnavailableException e)
        {
            throw new InvalidOperationException(
                $"Avero:EHerkenning:Broker:MetadataUrl: geen geldige metadata van de makelaar ({e.Message}). " +
                "Controleer Avero:EHerkenning:Broker:MetadataUrl en Avero:EHerkenning:Broker:MetadataSigningCertificate.", e);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
