using System.Xml;
using AveroPortal.Core.Customers;
using AveroPortal.Core.EHerkenning;
using AveroPortal.Core.EHerkenning.ServiceProvider;
using AveroPortal.Core.Login;
using AveroPortal.Blazor.DevBrokers.EHerkenning;

namespace AveroPortal.Tests.EHerkenning;

/// <summary>The stateful half of the SP: our request used once and per browser, artifacts and assertions used once, the KVK check.</summary>
public sealed partial class EHerkenningLoginTests : IDisposable
{
    private const string Acs = "https://portal.example/eherkenning/acs";
    private const string SpEntity = "urn:etoegang:DV:00000001002220647000:entities:0001";
    private static readonly ClientInfo Client = new("192.0.2.5", "test");
    private readonly TestDatabase _db = TestDatabase.CreateAsync().GetAwaiter().GetResult();
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _brokerKey = SamlCertificates.CreateSelfSigned("CN=Test broker");
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _spKey = SamlCertificates.CreateSelfSigned("CN=Test SP");
    private readonly BrokerMetadata _broker;
    private readonly FakeBroker _resolver;
    private readonly EHerkenningLogin _login;
    private readonly EHerkenningOptions _options;
    private readonly CapturedLog _log = new();

    public EHerkenningLoginTests()
    {
        _broker = new BrokerMetadata("urn:etoegang:HM:00000003000000000000:entities:9999", "https://broker.example/sso", "https://broker.example/ars", [_brokerKey]);
        var options = _options = new EHerkenningOptions(SpEntity, Acs, "00000001002220647000", "Mijn Avéro Achmea Bedrijven", 1,
            "urn:etoegang:DV:00000001002220647000:services:1", "6b2b4b4e-2f5e-4c8a-9d0c-1f3a5e7b9c11", SamlVocabulary.LevelPrefix + "loa3",
            true, _spKey, _spKey, ResponseBinding.Artifact, null);
        _resolver = new FakeBroker(this);
        _login = new EHerkenningLogin(options, new FixedBrokerMetadata(_broker), _resolver, new SamlStateRepository(_db.Db, _db.Clock),
            new SamlResponseValidator(TimeProvider.System), _db.Customers, _db.Events, _log.For<EHerkenningLogin>(), TimeProvider.System);
        _db.Customers.AddCompanyAsync(new Company(0, "24444001", "Bakkerij De Korenbloem B.V.", "Leeuwarden", 1, "A", "0", "a@example.com")).GetAwaiter().GetResult();
    }

    private string Kvk { get; set; } = "24444001";

    private string Level { get; set; } = SamlVocabulary.LevelPrefix + "loa3";

    private string? AuthnRequestId { get; set; }

    private string? Branch { get; set; }

    public void Dispose()
    {
        _db.Dispose();
        _brokerKey.Dispose();
        _spKey.Dispose();
    }

    private string NewArtifact()
    {
        var bytes = new byte[44];
        bytes[1] = 4;
        System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(_broker.EntityId)).CopyTo(bytes, 4);
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes.AsSpan(24));
        return Convert.ToBase64String(bytes);
    }

    /// <summary>Answers ArtifactResolves like the broker would, signed with the broker key, for the request the test names.</summary>
    private sealed class FakeBroker(EHerkenningLoginTests test) : IArtifactResolver
    {
        public int Calls { get; private set; }

        public string? FixedAssertionId { get; set; }

        public Task<string> ResolveAsync(string url, string artifactResolveSoap, CancellationToken cancellationToken = default)
        {
            Calls++;
            var document = new XmlDocument();
            document.LoadXml(artifactResolveSoap);
            var resolve = (XmlElement)document.GetElementsByTagName("ArtifactResolve", SamlVocabulary.Protocol)[0]!;
            var now = DateTimeOffset.UtcNow;
            var builder = new SamlResponseBuilder(test._brokerKey, test._spKey)
            {
                Issuer = test._broker.EntityId,
                Audience = SpEntity,
                Destination = Acs,
                ArtifactResolveId = resolve.GetAttribute("ID"),
                AuthnRequestId = test.AuthnRequestId ?? "_none",
                IssueInstant = now,
                NotBefore = now.AddMinutes(-1),
                NotOnOrAfter = now.AddMinutes(2),
                Level = test.Level,
                KvkNumber = test.Kvk,
                ActingSubjectId = "pseudo-1",
                BranchNumber = test.Branch,
            };
            if (FixedAssertionId is not null)
            {
                builder.AssertionId = FixedAssertionId;
            }

            return Task.FromResult(builder.BuildArtifactResponse());
        }
    }
}
