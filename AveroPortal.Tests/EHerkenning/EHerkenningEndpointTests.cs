using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using AveroPortal.Blazor.DevBrokers.EHerkenning;
using AveroPortal.Blazor.Features.EHerkenning;
using AveroPortal.Core.Data;
using AveroPortal.Core.EHerkenning;
using AveroPortal.Core.EHerkenning.ServiceProvider;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AveroPortal.Tests.EHerkenning;

public sealed class EHerkenningEndpointTests
{
    private const string FailurePage = "/inloggen/eherkenning/mislukt?reden=fout";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly CapturedLog _log = new();

    private PortalFactory Configured(Action<IDictionary<string, string>>? change = null)
    {
        var settings = EHerkenningSettings.For("http://localhost/", testBroker: true);
        change?.Invoke(settings);
        return new PortalFactory { EnvironmentName = "Development", Settings = settings, ConfigureServices = _log.AddTo };
    }

    /// <summary>
    /// A real (not the test) broker: our SP key as PFX, the broker's metadata signed by its metadata key and that
    /// key pinned, all as files. <paramref name="metadata"/> may replace the signed metadata with a bad one.
    /// </summary>
    private PortalFactory RealBroker(string environment = "Testing", Func<BrokerFiles, string>? metadata = null,
        Action<IDictionary<string, string>, BrokerFiles>? change = null, Action<IServiceCollection>? services = null)
    {
        var factory = new PortalFactory
        {
            EnvironmentName = environment,
            Settings = EHerkenningSettings.For("https://portaal.example/", testBroker: false),
            ConfigureServices = s =>
            {
                _log.AddTo(s);
                services?.Invoke(s);
            },
        };
        var files = BrokerFiles.Write(factory.Directory);
        File.WriteAllText(files.MetadataPath, metadata?.Invoke(files) ?? files.Broker.ToSignedXml(files.MetadataKey, Now.AddDays(7)));
        factory.Settings["Avero:EHerkenning:SigningCertificate:Path"] = files.SpPfxPath;
        factory.Settings["Avero:EHerkenning:SigningCertificate:Password"] = "test";
        factory.Settings["Avero:EHerkenning:Broker:MetadataPath"] = files.MetadataPath;
        factory.Settings["Avero:EHerkenning:Broker:MetadataSigningCertificate"] = files.MetadataKeyPemPath;
        change?.Invoke(factory.Settings, files);
        return factory;
    }

    internal sealed record BrokerFiles(string Directory, X509Certificate2 MetadataKey, BrokerMetadata Broker)
    {
        public string SpPfxPath => Path.Combine(Directory, "sp.pfx");

        public string SpPemPath => Path.Combine(Directory, "sp.pem");

        public string SpKeyPemPath => Path.Combine(Directory, "sp-key.pem");

        public string MetadataPath => Path.Combine(Directory, "broker-metadata.xml");

        public string MetadataKeyPemPath => Path.Combine(Directory, "broker-metadata-signing.pem");

        public static BrokerFiles Write(string directory)
        {
            var metadataKey = SamlCertificates.CreateSelfSigned("CN=Test broker metadata");
            using var sp = SamlCertificates.CreateSelfSigned("CN=AveroPortal test SP");
            var files = new BrokerFiles(directory, metadataKey,
                new BrokerMetadata("urn:etoegang:HM:00000003000000000000:entities:9999", "https://broker.example/sso", "https://broker.example/ars",
                    [SamlCertificates.CreateSelfSigned("CN=Test broker")]));
            File.WriteAllBytes(files.SpPfxPath, sp.Export(X509ContentType.Pfx, "test"));
            File.WriteAllText(files.SpPemPath, sp.ExportCertificatePem());
            File.WriteAllText(files.SpKeyPemPath, sp.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
            File.WriteAllText(files.MetadataKeyPemPath, metadataKey.ExportCertificatePem());
            return files;
        }
    }

    /// <summary>Rows in the tables an ACS request could write to.</summary>
    private static async Task<long> StoredRowsAsync(PortalFactory factory)
    {
        const string sql = """
            SELECT (SELECT COUNT(*) FROM saml_requests) + (SELECT COUNT(*) FROM saml_used_ids)
                 + (SELECT COUNT(*) FROM login_events) + (SELECT COUNT(*) FROM eherkenning_identities)
            """;
        await using var connection = await factory.Get<Db>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>(sql);
    }

    private static HttpClient NoRedirects(PortalFactory factory) => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task TheSpMetadataIsSignedAndFollowsTheProfile()
    {
        await using var factory = Configured();
        var xml = await factory.CreateClient().GetStringAsync("/eherkenning/metadata");

        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        var entity = document.DocumentElement!;
        var options = factory.Get<EHerkenningOptions>();
        Assert.True(SamlSignature.TryVerify(entity, [options.SigningCertificate], "SP metadata", out _, out _));
        Assert.Equal("Signature", ((XmlElement)entity.FirstChild!).LocalName);
        var sp = (XmlElement)entity.GetElementsByTagName("SPSSODescriptor", SamlVocabulary.Metadata)[0]!;
        Assert.Equal("true", sp.GetAttribute("AuthnRequestsSigned"));
        Assert.Equal("true", sp.GetAttribute("WantAssertionsSigned"));
        Assert.Equal(2, sp.GetElementsByTagName("KeyDescriptor", SamlVocabulary.Metadata).Count);
        Assert.Equal(SamlVocabulary.ArtifactBinding, ((XmlElement)sp.GetElementsByTagName("AssertionConsumerService", SamlVocabulary.Metadata)[0]!).GetAttribute("Binding"));
        Assert.Single(sp.GetElementsByTagName("AttributeConsumingService", SamlVocabulary.Metadata).Cast<XmlElement>());
        Assert.Equal(0, sp.GetElementsByTagName("NameIDFormat", SamlVocabulary.Metadata).Count);
        Assert.DoesNotContain("KvKnr", sp.OuterXml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheServiceCatalogueIsSignedAndNamesTheService()
    {
        await using var factory = Configured();
        var xml = await factory.CreateClient().GetStringAsync("/eherkenning/dienstencatalogus");

        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        Assert.True(SamlSignature.TryVerify(document.DocumentElement!, [factory.Get<EHerkenningOptions>().SigningCertificate], "service catalogue", out _, out _));
        Assert.Contains(EHerkenningSettings.ServiceUuid, xml, StringComparison.Ordinal);
        Assert.Contains("urn:etoegang:core:assurance-class:loa3", xml, StringComparison.Ordinal);
        Assert.Contains("urn:etoegang:1.9:EntityConcernedID:KvKnr", xml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOversizedMessageIsRefusedBeforeParsingAndLogged()
    {
        await using var factory = Configured();
        var client = NoRedirects(factory);

        var response = await client.PostAsync("/eherkenning/acs", new FormUrlEncodedContent(new Dictionary<string, string> { ["SAMLResponse"] = new string('A', 1_100_000) }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(FailurePage, response.Headers.Location!.OriginalString);
        Assert.Contains(_log.Warnings, w => w.Contains("oversized message", StringComparison.Ordinal) && w.Contains("exceeds the limit of 1048576", StringComparison.Ordinal));
        Assert.Equal(0, await StoredRowsAsync(factory));
    }

    [Theory]
    [MemberData(nameof(MalformedKinds))]
    public async Task AMalformedAcsPostLandsOnTheSamlFailurePageLoggedAndStoresNothing(string kind)
    {
        await using var factory = Configured();
        var client = NoRedirects(factory);

        var response = await client.PostAsync("/eherkenning/acs", MalformedForms.Body(kind, "RelayState"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(FailurePage, response.Headers.Location!.OriginalString);
        Assert.Contains(_log.Warnings, w => w.StartsWith("eHerkenning ACS refused the request: ", StringComparison.Ordinal));
        Assert.Equal(0, await StoredRowsAsync(factory));
    }

    public static TheoryData<string> MalformedKinds => MalformedForms.Kinds;

    [Theory]
    [InlineData("/eherkenning/acs?RelayState=_a&RelayState=_b&SAMLart=AAQA", "RelayState occurs 2 times")]
    [InlineData("/eherkenning/acs?RelayState=%01x&SAMLart=AAQA", "control character in RelayState")]
    [InlineData("/eherkenning/acs?SAMLResponse=PHg%2B&RelayState=_a", "SAMLResponse in the query string")]
    public async Task ABadAcsQueryIsRefusedWithItsReason(string url, string reason)
    {
        await using var factory = Configured();

        var response = await NoRedirects(factory).GetAsync(url);

        Assert.Equal(FailurePage, response.Headers.Location!.OriginalString);
        Assert.Contains(_log.Warnings, w => w.Contains(reason, StringComparison.Ordinal));
        Assert.Equal(0, await StoredRowsAsync(factory));
    }

    [Fact]
    public async Task APostedSamlResponseIsRefusedWhileArtifactIsConfigured()
    {
        await using var factory = Configured();

        var response = await NoRedirects(factory).PostAsync("/eherkenning/acs",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["SAMLResponse"] = "PHNhbWxwOlJlc3BvbnNlLz4=", ["RelayState"] = "_abc" }));

        Assert.Equal(FailurePage, response.Headers.Location!.OriginalString);
        Assert.Contains(_log.Warnings, w => w.Contains("an HTTP-POST SAMLResponse arrived while Broker:ResponseBinding is Artifact", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnArtifactWithoutRelayStateIsRefused()
    {
        await using var factory = Configured();
        var artifact = Convert.ToBase64String(new byte[] { 0, 4 }.Concat(new byte[42]).ToArray());

        var response = await NoRedirects(factory).GetAsync("/eherkenning/acs?SAMLart=" + Uri.EscapeDataString(artifact));

        Assert.Equal(FailurePage, response.Headers.Location!.OriginalString);
        Assert.Contains(_log.Warnings, w => w.Contains("RelayState is missing", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(MalformedKinds))]
    public async Task AMalformedPostToTheTestBrokerGetsADutchPageAndALogLine(string kind)
    {
        await using var factory = Configured();

        var response = await NoRedirects(factory).PostAsync("/testmakelaar/sso", MalformedForms.Body(kind, "SAMLRequest"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"nl\">", page, StringComparison.Ordinal);
        Assert.Contains("Verzoek geweigerd", page, StringComparison.Ordinal);
        Assert.Contains(_log.Warnings, w => w.StartsWith("Test broker refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheTestBrokerPublishesMetadataSignedWithItsMetadataKey()
    {
        await using var factory = Configured();
        var broker = factory.Get<TestBroker>();

        var xml = await factory.CreateClient().GetStringAsync("/testmakelaar/metadata");

        var metadata = BrokerMetadata.Parse(xml, broker.MetadataSigningCertificate, DateTimeOffset.UtcNow);
        Assert.Equal(broker.Certificate.Thumbprint, Assert.Single(metadata.SigningCertificates).Thumbprint);
        // The response-signing key is not the metadata key: pinning the wrong one fails.
        Assert.Throws<UntrustedMetadataException>(() => BrokerMetadata.Parse(xml, broker.Certificate, DateTimeOffset.UtcNow));
        Assert.Equal(broker.SsoUrl, (await factory.Get<IBrokerMetadataSource>().GetAsync()).SsoUrl);
    }

    [Fact]
    public async Task MetadataSignedByThePinnedCertificateIsTrusted()
    {
        await using var factory = RealBroker();

        var metadata = await factory.Get<IBrokerMetadataSource>().GetAsync();

        Assert.Equal("https://broker.example/sso", metadata.SsoUrl);
    }

    [Theory]
    [InlineData("tampered", "does not verify")]
    [InlineData("unsigned", "not signed")]
    [InlineData("signed by another key", "does not verify")]
    [InlineData("expired", "expired at 2020-01-01")]
    public void UntrustedMetadataStopsStartUpNamingTheKey(string problem, string reason)
    {
        using var factory = RealBroker(metadata: files => problem switch
        {
            "tampered" => files.Broker.ToSignedXml(files.MetadataKey, Now.AddDays(7)).Replace("https://broker.example/sso", "https://attacker.example/sso", StringComparison.Ordinal),
            "unsigned" => files.Broker.ToXml(Now.AddDays(7)).OuterXml,
            "signed by another key" => files.Broker.ToSignedXml(files.Broker.SigningCertificates[0], Now.AddDays(7)),
            _ => files.Broker.ToSignedXml(files.MetadataKey, new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)),
        });

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("Avero:EHerkenning:Broker:MetadataPath", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAPinnedMetadataCertificateStartUpStops()
    {
        using var factory = RealBroker(change: (s, _) => s.Remove("Avero:EHerkenning:Broker:MetadataSigningCertificate"));

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("Avero:EHerkenning:Broker:MetadataSigningCertificate", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Testing", "http://broker.example/metadata")]
    [InlineData("Production", "http://127.0.0.1:9/metadata")]
    [InlineData("Testing", "/metadata")]
    public void AMetadataUrlThatIsNotHttpsIsRefused(string environment, string url)
    {
        using var factory = RealBroker(environment, change: (s, _) =>
        {
            s.Remove("Avero:EHerkenning:Broker:MetadataPath");
            s["Avero:EHerkenning:Broker:MetadataUrl"] = url;
        });

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("Avero:EHerkenning:Broker:MetadataUrl", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task MetadataFromALoopbackUrlIsCheckedAtStartUp(bool trusted)
    {
        BrokerFiles? written = null;
        var handler = new MetadataHandler(() => trusted
            ? written!.Broker.ToSignedXml(written.MetadataKey, Now.AddDays(7))
            : written!.Broker.ToXml(Now.AddDays(7)).OuterXml);
        await using var factory = RealBroker(
            change: (s, files) =>
            {
                written = files;
                s.Remove("Avero:EHerkenning:Broker:MetadataPath");
                s["Avero:EHerkenning:Broker:MetadataUrl"] = "http://127.0.0.1:9/metadata";
            },
            services: s => s.AddHttpClient(EHerkenningSetup.MetadataClientName).ConfigurePrimaryHttpMessageHandler(() => handler));

        if (trusted)
        {
            factory.CreateClient();
            Assert.Equal("https://broker.example/sso", (await factory.Get<IBrokerMetadataSource>().GetAsync()).SsoUrl);
        }
        else
        {
            var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());
            Assert.Contains("Avero:EHerkenning:Broker:MetadataUrl", error.Message, StringComparison.Ordinal);
            Assert.Contains("not signed", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(new Uri("http://127.0.0.1:9/metadata"), handler.LastRequest);
    }

    [Fact]
    public void TheTestBrokerAndARealBrokerTogetherStopStartUp()
    {
        // Development loads appsettings.Development.json, which switches the test broker on.
        using var factory = RealBroker("Development", change: (s, _) => s.Remove("Avero:EHerkenning:TestBroker:Enabled"));

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("Avero:EHerkenning:TestBroker:Enabled", error.Message, StringComparison.Ordinal);
        Assert.Contains("Avero:EHerkenning:Broker:MetadataPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APemWhereAPfxIsExpectedSaysSo()
    {
        using var factory = RealBroker(change: (s, files) => s["Avero:EHerkenning:SigningCertificate:Path"] = files.SpPemPath);

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("PEM given, PFX expected", error.Message, StringComparison.Ordinal);
        Assert.Contains("Avero:EHerkenning:SigningCertificate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APemCertificateWithItsPemKeyIsAccepted()
    {
        await using var factory = RealBroker(change: (s, files) =>
        {
            s["Avero:EHerkenning:SigningCertificate:Path"] = files.SpPemPath;
            s["Avero:EHerkenning:SigningCertificate:KeyPath"] = files.SpKeyPemPath;
        });
        factory.CreateClient();

        var options = factory.Get<EHerkenningOptions>();

        Assert.True(options.SigningCertificate.HasPrivateKey);
        Assert.Equal(X509Certificate2.CreateFromPem(File.ReadAllText(factory.Settings["Avero:EHerkenning:SigningCertificate:Path"])).Thumbprint, options.SigningCertificate.Thumbprint);
    }

    /// <summary>Serves the metadata a test gives it, as the broker's metadata URL would.</summary>
    private sealed class MetadataHandler(Func<string> body) : HttpMessageHandler
    {
        public Uri? LastRequest { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastRequest = request.RequestUri;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body()) });
        }
    }

    [Theory]
    [InlineData("Avero:EHerkenning:EntityId", "", "EntityId")]
    [InlineData("Avero:EHerkenning:RequiredLevel", "loa9", "RequiredLevel")]
    [InlineData("Avero:EHerkenning:Broker:ResponseBinding", "Redirect", "ResponseBinding")]
    [InlineData("Avero:EHerkenning:Broker:ResponseBinding", "7", "Avero:EHerkenning:Broker:ResponseBinding '7' is onbekend")]
    [InlineData("Avero:EHerkenning:AcsUrl", "/eherkenning/acs", "Avero:EHerkenning:AcsUrl '/eherkenning/acs' is geen absolute http(s)-URL")]
    [InlineData("Avero:EHerkenning:AcsUrl", "ftp://portaal.example/acs", "AcsUrl")]
    [InlineData("Avero:PublicBaseUrl", "portaal.example", "Avero:PublicBaseUrl")]
    public void AMisconfigurationStopsStartUpWithAClearMessage(string key, string value, string named)
    {
        using var factory = Configured(s => s[key] = value);

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheTestBrokerIsRefusedOutsideDevelopment()
    {
        using var factory = new PortalFactory
        {
            Settings = new Dictionary<string, string> { ["Avero:EHerkenning:Enabled"] = "true", ["Avero:EHerkenning:TestBroker:Enabled"] = "true" },
        };

        var error = Assert.ThrowsAny<InvalidOperationException>(() => factory.CreateClient());

        Assert.Contains("Development", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutConfigurationEHerkenningIsNotOffered()
    {
        await using var factory = new PortalFactory();
        var client = factory.CreateClient();

        Assert.DoesNotContain("/inloggen/eherkenning", await client.GetStringAsync("/inloggen"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/eherkenning/metadata")).StatusCode);
    }
}
