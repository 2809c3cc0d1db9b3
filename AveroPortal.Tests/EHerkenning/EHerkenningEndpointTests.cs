using System.Net;
using System.Security.Cryptography.X509Certificates;
using AveroPortal.Core.Data;
using AveroPortal.Core.EHerkenning;
using AveroPortal.Core.EHerkenning.ServiceProvider;
using Dapper;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AveroPortal.Tests.EHerkenning;

public sealed partial class EHerkenningEndpointTests
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
}
