namespace AveroPortal.Core.EHerkenning.ServiceProvider;

/// <summary>Sends our signed ArtifactResolve to the broker's ArtifactResolutionService and returns its SOAP answer.</summary>
public interface IArtifactResolver
{
    Task<string> ResolveAsync(string url, string artifactResolveSoap, CancellationToken cancellationToken = default);
}
