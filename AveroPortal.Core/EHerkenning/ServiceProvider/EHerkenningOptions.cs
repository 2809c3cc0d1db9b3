using System.Security.Cryptography.X509Certificates;

namespace AveroPortal.Core.EHerkenning.ServiceProvider;

/// <summary>The portal as eHerkenning service provider (DV), connected to one broker (HM).</summary>
public sealed record EHerkenningOptions(
    string EntityId,
    string AcsUrl,
    string Oin,
    string ServiceName,
    int ServiceIndex,
    string ServiceId,
    string ServiceUuid,
    string RequiredLevel,
    bool RequestLevel,
    X509Certificate2 SigningCertificate,
    X509Certificate2 EncryptionCertificate,
    ResponseBinding ResponseBinding,
    X509Certificate2? ArtifactClientCertificate)
{
    public static readonly TimeSpan RequestLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);
}
