using AveroPortal.Core.EHerkenning.ServiceProvider;

namespace AveroPortal.Blazor.Features.EHerkenning;

/// <summary>Posts the ArtifactResolve with Content-Type text/xml, as brokers want, and reads at most 1 MB back.</summary>
internal sealed class HttpArtifactResolver(IHttpClientFactory clients) : IArtifactResolver
{
    public const string ClientName = "eherkenning";
    private const int MaxResponseBytes = 1024 * 1024;

    public async Task<string> ResolveAsync(string url, string artifactResolveSoap, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(artifactResolveSoap, System.Text.Encoding.UTF8, "text/xml");
        using var response = await clients.CreateClient(ClientName).PostAsync(url, content, cancellationToken);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength > MaxResponseBytes)
        {
            throw new InvalidOperationException("Artifact response larger than 1 MB.");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxResponseBytes + 1];
        var total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
            if (total > MaxResponseBytes)
            {
                throw new InvalidOperationException("Artifact response larger than 1 MB.");
            }
        }

        return System.Text.Encoding.UTF8.GetString(buffer, 0, total);
    }
}
