using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using AveroPortal.Core.EHerkenning;
using AveroPortal.Core.EHerkenning.ServiceProvider;

namespace AveroPortal.Blazor.DevBrokers.EHerkenning;

/// <summary>
/// Development only: a broker (Herkenningsmakelaar) inside the portal that speaks the same profile as a real one
/// (signed AuthnRequest in, artifact out, SOAP ArtifactResolve, signed ArtifactResponse with EncryptedIDs), so a
/// newcomer can try eHerkenning with `dotnet run`. Its key lives in memory and it trusts nothing but our SP key.
/// </summary>
internal sealed class TestBroker : IDisposable
{
    private static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(10);
    private readonly ConcurrentDictionary<string, PendingAuthn> _pending = new();
    private readonly ConcurrentDictionary<string, IssuedArtifact> _artifacts = new();
    private readonly EHerkenningOptions _sp;

    public TestBroker(Uri publicBase, EHerkenningOptions sp)
    {
        _sp = sp;
        Certificate = SamlCertificates.CreateSelfSigned("CN=Testmakelaar AveroPortal (alleen Development)");
        // A key of its own for the metadata, as a real broker's published metadata-signing certificate.
        MetadataSigningCertificate = SamlCertificates.CreateSelfSigned("CN=Testmakelaar AveroPortal metadata (alleen Development)");
        EntityId = "urn:etoegang:HM:00000099999999990000:entities:9999";
        SsoUrl = new Uri(publicBase, "testmakelaar/sso").ToString();
        ArtifactResolutionUrl = new Uri(publicBase, "testmakelaar/ars").ToString();
        Metadata = new BrokerMetadata(EntityId, SsoUrl, ArtifactResolutionUrl, [Certificate]);
    }

    public X509Certificate2 Certificate { get; }

    public X509Certificate2 MetadataSigningCertificate { get; }

    public string EntityId { get; }

    public string SsoUrl { get; }

    public string ArtifactResolutionUrl { get; }

    public BrokerMetadata Metadata { get; }

    /// <summary>The broker's metadata as it publishes it at /testmakelaar/metadata: signed, valid for thirty days.</summary>
    public string SignedMetadata(DateTimeOffset now) => Metadata.ToSignedXml(MetadataSigningCertificate, now.AddDays(30));

    public sealed record PendingAuthn(string RequestId, string AcsUrl, string? RelayState, DateTimeOffset ReceivedAt);

    private sealed record IssuedArtifact(PendingAuthn Request, string? Kvk, string Level, string ActingSubjectId, bool Cancelled);

    /// <summary>Checks an AuthnRequest like a broker would (our SP signature, destination, ACS); returns a handle for the chooser page.</summary>
    public string? Receive(string? samlRequest, string? relayState, out string problem)
    {
        problem = "";
        try
        {
            var xml = Encoding.UTF8.GetString(Convert.FromBase64String(samlRequest ?? ""));
            var received = SamlParser.Parse(xml).DocumentElement!;
            if (received.LocalName != "AuthnRequest" || received.NamespaceURI != SamlVocabulary.Protocol)
            {
                problem = "geen AuthnRequest";
                return null;
            }

            // The same strict verifier the portal applies to brokers; everything below reads the verified copy.
            if (!SamlSignature.TryVerify(received, [_sp.SigningCertificate], "AuthnRequest", out var request, out _))
            {
                problem = "handtekening van de AuthnRequest klopt niet";
                return null;
            }

            if (request.GetAttribute("Destination") != SsoUrl || request.GetAttribute("AssertionConsumerServiceURL") != _sp.AcsUrl)
            {
                problem = "Destination of AssertionConsumerServiceURL klopt niet";
                return null;
            }

            var handle = Token();
            _pending[handle] = new PendingAuthn(request.GetAttribute("ID"), _sp.AcsUrl, relayState, DateTimeOffset.UtcNow);
            return handle;
        }
        catch (Exception e) when (e is FormatException or SamlRejection)
        {
            problem = "onleesbaar bericht";
            return null;
        }
    }

    public bool IsPending(string? handle) =>
        handle is not null && _pending.TryGetValue(handle, out var pending) && DateTimeOffset.UtcNow - pending.ReceivedAt < PendingLifetime;

    /// <summary>The user chose (or cancelled): an artifact for the ACS, as a redirect URL.</summary>
    public string? Answer(string? handle, string? kvk, string? level, string? acting, bool cancelled)
    {
        if (handle is null || !_pending.TryRemove(handle, out var pending) || DateTimeOffset.UtcNow - pending.ReceivedAt >= PendingLifetime)
        {
            return null;
        }

        var artifact = NewArtifact();
        _artifacts[artifact] = new IssuedArtifact(pending, kvk, SamlVocabulary.LevelPrefix + (level is not null && AssuranceLevel.Rank(level) is not null ? level : "loa3"),
            string.IsNullOrWhiteSpace(acting) ? "demo-" + Token()[..8] : acting.Trim(), cancelled);
        var url = pending.AcsUrl + "?SAMLart=" + Uri.EscapeDataString(artifact);
        return pending.RelayState is null ? url : url + "&RelayState=" + Uri.EscapeDataString(pending.RelayState);
    }

    /// <summary>Answers an ArtifactResolve: checks our SP signature, hands out each artifact once.</summary>
    /// <exception cref="SamlRejection">The message is not well-formed XML.</exception>
    public string? Resolve(string soap)
    {
        var document = SamlParser.Parse(soap);
        var received = document.GetElementsByTagName("ArtifactResolve", SamlVocabulary.Protocol).OfType<System.Xml.XmlElement>().SingleOrDefault();
        if (received is null || !SamlSignature.TryVerify(received, [_sp.SigningCertificate], "ArtifactResolve", out var resolve, out _))
        {
            return null;
        }

        var artifact = resolve.GetElementsByTagName("Artifact", SamlVocabulary.Protocol).OfType<System.Xml.XmlElement>().SingleOrDefault()?.InnerText;
        if (artifact is null || !_artifacts.TryRemove(artifact, out var issued))
        {
            return null;
        }

        return BuildResponse(issued, resolve.GetAttribute("ID"));
    }

    public void Dispose()
    {
        Certificate.Dispose();
        MetadataSigningCertificate.Dispose();
    }

    private string BuildResponse(IssuedArtifact issued, string resolveId)
    {
        var now = DateTimeOffset.UtcNow;
        var builder = new SamlResponseBuilder(Certificate, _sp.EncryptionCertificate)
        {
            Issuer = EntityId,
            Audience = _sp.EntityId,
            Destination = issued.Request.AcsUrl,
            ArtifactResolveId = resolveId,
            AuthnRequestId = issued.Request.RequestId,
            IssueInstant = now,
            NotBefore = now.AddMinutes(-1),
            NotOnOrAfter = now.AddMinutes(2),
            Level = issued.Level,
            KvkNumber = issued.Kvk,
            ActingSubjectId = issued.ActingSubjectId,
            CompanyName = null,
            ServiceId = _sp.ServiceId,
            ServiceUuid = _sp.ServiceUuid,
            IncludeEncryptedIds = true,
        };
        if (issued.Cancelled)
        {
            builder.StatusCode = SamlVocabulary.ResponderStatus;
            builder.SecondLevelStatusCode = SamlVocabulary.AuthnFailedStatus;
        }

        return builder.BuildArtifactResponse();
    }

    private string NewArtifact()
    {
        var bytes = new byte[44];
        bytes[1] = 4; // type 0x0004; endpoint index 0
        SHA1.HashData(Encoding.UTF8.GetBytes(EntityId)).CopyTo(bytes, 4);
        RandomNumberGenerator.Fill(bytes.AsSpan(24));
        return Convert.ToBase64String(bytes);
    }

    private static string Token() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
}
