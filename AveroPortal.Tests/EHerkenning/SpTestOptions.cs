using System.Security.Cryptography.X509Certificates;
using AveroPortal.Core.EHerkenning;
using AveroPortal.Core.EHerkenning.ServiceProvider;

namespace AveroPortal.Tests.EHerkenning;

/// <summary>The portal's SP configuration for unit tests, with separate signing and encryption keys so tests can tell them apart.</summary>
internal static class SpTestOptions
{
    public const string EntityId = "urn:etoegang:DV:00000001002220647000:entities:0001";
    public const string AcsUrl = "https://portal.example/eherkenning/acs";
    public const string ServiceId = "urn:etoegang:DV:00000001002220647000:services:1";
    public const string ServiceUuid = "6b2b4b4e-2f5e-4c8a-9d0c-1f3a5e7b9c11";

    private static readonly Lazy<X509Certificate2> LazySigning = new(() => SamlCertificates.CreateSelfSigned("CN=Test SP signing"));
    private static readonly Lazy<X509Certificate2> LazyEncryption = new(() => SamlCertificates.CreateSelfSigned("CN=Test SP encryption"));

    public static X509Certificate2 Signing => LazySigning.Value;

    public static X509Certificate2 Encryption => LazyEncryption.Value;

    public static EHerkenningOptions Create(bool requestLevel = true, string level = SamlVocabulary.LevelPrefix + "loa3") => new(
        EntityId, AcsUrl, "00000001002220647000", "Mijn Avéro Achmea Bedrijven", 1, ServiceId, ServiceUuid, level,
        requestLevel, Signing, Encryption, ResponseBinding.Artifact, null);
}
