namespace AveroPortal.Core.EHerkenning.ServiceProvider;

/// <summary>Where the broker's metadata comes from: a file read once, a URL fetched and cached, or the Development test broker.</summary>
public interface IBrokerMetadataSource
{
    /// <exception cref="BrokerMetadataUnavailableException">No trusted metadata within its validUntil is at hand.</exception>
    Task<BrokerMetadata> GetAsync(CancellationToken cancellationToken = default);
}
