using System.Security.Cryptography.X509Certificates;

namespace AveroPortal.Core.EHerkenning;

/// <summary>What the portal expects of a response from one identity provider (broker).</summary>
/// <param name="IssuerEntityId">The broker's entity id; both the Response and the Assertion Issuer must equal it.</param>
/// <param name="IssuerSigningCertificates">The signing certificates from the broker's metadata (more than one during a key
/// rollover). Signatures are checked against these only, never against KeyInfo.</param>
/// <param name="SpEntityId">Our entity id, required as Audience.</param>
/// <param name="AcsUrl">Our assertion consumer service URL, required as Destination and Recipient.</param>
/// <param name="ArtifactResolveId">The ID of the ArtifactResolve we sent; the ArtifactResponse InResponseTo must equal it.
/// Null skips that check (HTTP-POST binding).</param>
/// <param name="MinimumLevel">The lowest acceptable level, as URN or short form (<c>loa3</c>).</param>
/// <param name="ServiceId">When set, a ServiceID attribute in the assertion must equal it.</param>
/// <param name="ServiceUuid">When set, a ServiceUUID attribute in the assertion must equal it.</param>
/// <param name="DecryptionCertificate">Our encryption certificate with its private key, for EncryptedIDs.</param>
/// <param name="ClockSkew">Tolerance applied to NotBefore and NotOnOrAfter.</param>
public sealed record SamlExpectations(
    string IssuerEntityId,
    IReadOnlyList<X509Certificate2> IssuerSigningCertificates,
    string SpEntityId,
    string AcsUrl,
    string? ArtifactResolveId,
    string MinimumLevel,
    string? ServiceId,
    string? ServiceUuid,
    X509Certificate2? DecryptionCertificate,
    TimeSpan ClockSkew);
