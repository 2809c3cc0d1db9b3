namespace AveroPortal.Core.EHerkenning.ServiceProvider;

/// <summary>Metadata checked once (a file at start-up, the test broker's); it stops being served after its validUntil.</summary>
public sealed class FixedBrokerMetadata(BrokerMetadata metadata, TimeProvider? clock = null) : IBrokerMetadataSource
{
    public Task<BrokerMetadata> GetAsync(CancellationToken cancellationToken = default) =>
        metadata.ValidUntil is { } validUntil && (clock ?? TimeProvider.System).GetUtcNow() >= validUntil
            ? throw new BrokerMetadataUnavailableException($"the broker metadata expired at {validUntil:yyyy-MM-ddTHH:mm:ssZ}; replace the file and restart")
            : Task.FromResult(metadata);
}
