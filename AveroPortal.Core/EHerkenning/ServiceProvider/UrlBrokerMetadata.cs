using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace AveroPortal.Core.EHerkenning.ServiceProvider;

/// <summary>
/// Metadata from a URL, trusted only when signed by the pinned certificate and within validUntil; cached for an
/// hour. A failed refresh keeps the last good copy (until its own validUntil) and logs a warning.
/// </summary>
public sealed class UrlBrokerMetadata(HttpClient http, Uri url, X509Certificate2 metadataSigningCertificate, TimeProvider clock, ILogger<UrlBrokerMetadata> logger)
    : IBrokerMetadataSource
{
    public const int MaxMetadataBytes = 1024 * 1024;
    private static readonly TimeSpan CacheFor = TimeSpan.FromHours(1);
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(1);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private BrokerMetadata? _cached;
    private DateTimeOffset _nextRefresh;

    public async Task<BrokerMetadata> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_cached is { } fresh && clock.GetUtcNow() < _nextRefresh && clock.GetUtcNow() < fresh.ValidUntil)
        {
            return fresh;
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            var now = clock.GetUtcNow();
            if (_cached is { } current && now < _nextRefresh && now < current.ValidUntil)
            {
                return current;
            }

            try
            {
                _cached = BrokerMetadata.Parse(await FetchAsync(cancellationToken), metadataSigningCertificate, now);
                _nextRefresh = now + CacheFor;
                return _cached;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UntrustedMetadataException or InvalidDataException)
            {
                if (_cached is { } lastGood && now < lastGood.ValidUntil)
                {
                    logger.LogWarning("Broker metadata refresh from {Url} failed ({Reason}); keeping the last good metadata, valid until {ValidUntil:o}",
                        url, e.Message, lastGood.ValidUntil);
                    _nextRefresh = now + RetryAfterFailure;
                    return lastGood;
                }

                logger.LogWarning("Broker metadata from {Url} refused: {Reason}", url, e.Message);
                throw new BrokerMetadataUnavailableException($"no trusted broker metadata from {url}: {e.Message}", e);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task<string> FetchAsync(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"the metadata URL answered {(int)response.StatusCode}");
        }

        if (response.Content.Headers.ContentLength > MaxMetadataBytes)
        {
            throw new InvalidDataException($"the metadata is larger than {MaxMetadataBytes} bytes");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxMetadataBytes)
            {
                throw new InvalidDataException($"the metadata is larger than {MaxMetadataBytes} bytes");
            }
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF');
    }
}
