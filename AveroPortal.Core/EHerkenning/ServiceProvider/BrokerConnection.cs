namespace AveroPortal.Core.EHerkenning.ServiceProvider;

/// <summary>Where the broker's metadata comes from: a file read once, a URL fetched and cached, or the Development test broker.</summary>
public interface IBrokerMetadataSource
{
    Task<BrokerMetadata> GetAsync(CancellationToken cancellationToken = default);
}

/// <summary>Sends our signed ArtifactResolve to the broker's ArtifactResolutionService and returns its SOAP answer.</summary>
public interface IArtifactResolver
{
    Task<string> ResolveAsync(string url, string artifactResolveSoap, CancellationToken cancellationToken = default);
}

public sealed class FixedBrokerMetadata(BrokerMetadata metadata) : IBrokerMetadataSource
{
    public Task<BrokerMetadata> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(metadata);
}

/// <summary>Metadata from a URL, cached for an hour; a failed refresh keeps the last good copy.</summary>
public sealed class UrlBrokerMetadata(HttpClient http, string url, TimeProvider clock) : IBrokerMetadataSource
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromHours(1);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private BrokerMetadata? _cached;
    private DateTimeOffset _fetchedAt;

    public async Task<BrokerMetadata> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_cached is not null && clock.GetUtcNow() - _fetchedAt < CacheFor)
        {
            return _cached;
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_cached is null || clock.GetUtcNow() - _fetchedAt >= CacheFor)
            {
                try
                {
                    _cached = BrokerMetadata.Parse(await http.GetStringAsync(url, cancellationToken));
                    _fetchedAt = clock.GetUtcNow();
                }
                catch (Exception) when (_cached is not null)
                {
                    // Keep serving the last good metadata; try again after a minute.
                    _fetchedAt = clock.GetUtcNow() - CacheFor + TimeSpan.FromMinutes(1);
                }
            }

            return _cached;
        }
        finally
        {
            _lock.Release();
        }
    }
}
