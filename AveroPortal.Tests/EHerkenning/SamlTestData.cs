using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using AveroPortal.Core.EHerkenning;
using AveroPortal.Blazor.DevBrokers.EHerkenning;

namespace AveroPortal.Tests.EHerkenning;

/// <summary>A test broker, a test SP and an attacker, with a builder and expectations that fit each other.</summary>
internal static class SamlTestData
{
    public const string BrokerEntityId = "urn:etoegang:HM:00000003520354760000:entities:9632";
    public const string SpEntityId = "urn:etoegang:DV:00000003012345670000:entities:0001";
    public const string AcsUrl = "https://portal.avero.test/eherkenning/acs";
    public const string ArtifactResolveId = "_resolve-5b1f0c";
    public const string AuthnRequestId = "_authn-91ab3e";
    public const string SamlNs = "urn:oasis:names:tc:SAML:2.0:assertion";
    public const string SamlpNs = "urn:oasis:names:tc:SAML:2.0:protocol";
    public const string DsNs = "http://www.w3.org/2000/09/xmldsig#";

    public static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<X509Certificate2> LazyBroker = new(() => SamlCertificates.CreateSelfSigned("CN=Test broker"));
    private static readonly Lazy<X509Certificate2> LazySp = new(() => SamlCertificates.CreateSelfSigned("CN=Avero portal test SP"));
    private static readonly Lazy<X509Certificate2> LazyAttacker = new(() => SamlCertificates.CreateSelfSigned("CN=Test broker"));

    public static X509Certificate2 Broker => LazyBroker.Value;
    public static X509Certificate2 Sp => LazySp.Value;

    /// <summary>Another key with the same subject as the broker, as an attacker would choose.</summary>
    public static X509Certificate2 Attacker => LazyAttacker.Value;

    public static SamlResponseBuilder Builder(X509Certificate2? signer = null) => new(signer ?? Broker, Sp)
    {
        Issuer = BrokerEntityId,
        Audience = SpEntityId,
        Destination = AcsUrl,
        ArtifactResolveId = ArtifactResolveId,
        AuthnRequestId = AuthnRequestId,
        IssueInstant = Now.AddSeconds(-2),
        Level = "urn:etoegang:core:assurance-class:loa3",
    };

    /// <summary>A builder for the HTTP-POST binding of a generic IdP: plain attributes, nothing encrypted.</summary>
    public static SamlResponseBuilder PlainBuilder(X509Certificate2? signer = null)
    {
        var builder = Builder(signer);
        builder.IncludeEncryptedIds = false;
        builder.IncludePlainAttributes = true;
        return builder;
    }

    public static SamlExpectations Expectations(string minimumLevel = "loa3") => new(
        IssuerEntityId: BrokerEntityId,
        IssuerSigningCertificates: [Broker],
        SpEntityId: SpEntityId,
        AcsUrl: AcsUrl,
        ArtifactResolveId: ArtifactResolveId,
        MinimumLevel: minimumLevel,
        ServiceId: null,
        ServiceUuid: null,
        DecryptionCertificate: Sp,
        ClockSkew: TimeSpan.FromSeconds(30));

    public static SamlResponseValidator Validator(DateTimeOffset? now = null) => new(new ManualClock(now ?? Now));

    public static SamlValidation ValidatePost(string responseXml, SamlExpectations? expected = null) =>
        Validator().ValidatePostResponse(Convert.ToBase64String(Encoding.UTF8.GetBytes(responseXml)), expected ?? Expectations());

    public static XmlDocument Load(string xml)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        return document;
    }

    public static XmlNamespaceManager Namespaces(XmlDocument document)
    {
        var namespaces = new XmlNamespaceManager(document.NameTable);
        namespaces.AddNamespace("soap", "http://schemas.xmlsoap.org/soap/envelope/");
        namespaces.AddNamespace("samlp", SamlpNs);
        namespaces.AddNamespace("saml", SamlNs);
        namespaces.AddNamespace("ds", DsNs);
        return namespaces;
    }

    public static XmlElement Select(XmlDocument document, string xpath) =>
        (XmlElement?)document.SelectSingleNode(xpath, Namespaces(document))
        ?? throw new InvalidOperationException($"The fixture has no {xpath}.");
}
