using System.Security.Cryptography.X509Certificates;
using AveroPortal.Blazor.DevBrokers.EHerkenning;
using AveroPortal.Blazor.Extensions;
using AveroPortal.Core.Configuration;
using AveroPortal.Core.Data;
using AveroPortal.Core.EHerkenning;
using AveroPortal.Core.EHerkenning.ServiceProvider;

namespace AveroPortal.Blazor.Features.EHerkenning;

internal static class EHerkenningSetup
{
    private const string Section = "Avero:EHerkenning";

    /// <summary>
    /// Reads the eHerkenning configuration and fails start-up with a clear message when it can not work. When
    /// Avero:EHerkenning:Enabled is false the login method is simply not offered.
    /// </summary>
    public static void AddAveroEHerkenning(this WebApplicationBuilder builder, PortalOptions portal, DatabaseOptions database)
    {
        var configuration = builder.Configuration;
        var section = configuration.GetSection(Section);
        if (!ConfigurationValues.Bool(configuration, $"{Section}:Enabled", false))
        {
            return;
        }

        var testBroker = ConfigurationValues.Bool(configuration, $"{Section}:TestBroker:Enabled", false);
        if (testBroker && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException("Avero:EHerkenning:TestBroker:Enabled mag alleen in Development aan staan; zet het uit of configureer de echte makelaar.");
        }

        // appsettings.Development.json switches the test broker on; a real broker configured on top must not silently lose.
        var realBrokerKeys = new[] { "Broker:MetadataPath", "Broker:MetadataUrl", "Broker:MetadataSigningCertificate" }
            .Where(key => !string.IsNullOrWhiteSpace(section[key])).ToList();
        if (testBroker && realBrokerKeys.Count > 0)
        {
            throw new InvalidOperationException(
                $"Avero:EHerkenning:TestBroker:Enabled staat aan en er is ook een echte makelaar geconfigureerd ({string.Join(", ", realBrokerKeys.Select(k => "Avero:EHerkenning:" + k))}). " +
                "Kies één: zet Avero:EHerkenning:TestBroker:Enabled op false voor de echte makelaar, of haal de Broker-instellingen weg.");
        }

        // Plain http to the broker only on this machine, and only while developing or testing.
        var allowLoopbackHttp = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing");
        var publicBase = portal.PublicBase;
        string Required(string key) => ConfigurationValues.Required(configuration, $"{Section}:{key}");

        var acsUrl = section["AcsUrl"] is { Length: > 0 } acs ? ConfigurationValues.AbsoluteHttpUrl(acs, "Avero:EHerkenning:AcsUrl").ToString()
            : publicBase is not null ? new Uri(publicBase, "eherkenning/acs").ToString()
            : throw new InvalidOperationException("Configuratie ontbreekt: Avero:EHerkenning:AcsUrl (of Avero:PublicBaseUrl).");

        var requiredLevel = section["RequiredLevel"] is { Length: > 0 } level ? level : SamlVocabulary.LevelPrefix + "loa3";
        if (AssuranceLevel.RankReceived(requiredLevel) is null)
        {
            throw new InvalidOperationException($"Avero:EHerkenning:RequiredLevel '{requiredLevel}' is geen eHerkenning-niveau (urn:etoegang:core:assurance-class:loa2 … loa4).");
        }

        // Development's generated key pairs sit with the data (data/ when the data are in PostgreSQL).
        var dataDirectory = Path.GetDirectoryName(database.IsPostgreSql ? Path.GetFullPath("data/x", builder.Environment.ContentRootPath) : database.Path)!;
        var signing = Certificate(section.GetSection("SigningCertificate"), "SigningCertificate", testBroker, dataDirectory, builder.Environment.ContentRootPath);
        var encryption = section.GetSection("EncryptionCertificate").Exists()
            ? Certificate(section.GetSection("EncryptionCertificate"), "EncryptionCertificate", testBroker, dataDirectory, builder.Environment.ContentRootPath)
            : signing;
        var binding = ConfigurationValues.NamedEnum(section["Broker:ResponseBinding"], "Avero:EHerkenning:Broker:ResponseBinding", ResponseBinding.Artifact);
        var clientCertificate = section.GetSection("Broker:ClientCertificate").Exists()
            ? Certificate(section.GetSection("Broker:ClientCertificate"), "Broker:ClientCertificate", false, dataDirectory, builder.Environment.ContentRootPath)
            : null;

        var options = new EHerkenningOptions(
            Required("EntityId"), acsUrl, Required("Oin"), section["ServiceName"] ?? "Mijn Avéro Achmea Bedrijven",
            ConfigurationValues.IntInRange(configuration, $"{Section}:ServiceIndex", 1, 0), Required("ServiceId"), Required("ServiceUuid"), requiredLevel,
            ConfigurationValues.Bool(configuration, $"{Section}:RequestLevel", true), signing, encryption, binding, clientCertificate);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton<SamlStateRepository>();
        services.AddSingleton<SamlResponseValidator>();
        services.AddSingleton<EHerkenningLogin>();
        services.AddHttpClient(HttpArtifactResolver.ClientName, client => client.Timeout = TimeSpan.FromSeconds(15))
            .ConfigurePrimaryHttpMessageHandler(() =>
            {
                var handler = new HttpClientHandler { AllowAutoRedirect = false };
                if (clientCertificate is not null)
                {
                    handler.ClientCertificates.Add(clientCertificate);
                }

                return handler;
            });
        services.AddSingleton<IArtifactResolver, HttpArtifactResolver>();

        if (testBroker)
        {
            if (publicBase is null)
            {
                throw new InvalidOperationException($"De testmakelaar heeft {PortalOptions.PublicBaseUrlKey} nodig.");
            }

            // The test broker publishes signed metadata; the portal trusts it the way it trusts a real broker's.
            var broker = new TestBroker(publicBase, options);
            var metadata = BrokerMetadata.Parse(broker.SignedMetadata(DateTimeOffset.UtcNow), broker.MetadataSigningCertificate, DateTimeOffset.UtcNow);
            services.AddSingleton(broker);
            services.AddSingleton<IBrokerMetadataSource>(new FixedBrokerMetadata(metadata));
            return;
        }

        const string PinKey = "Avero:EHerkenning:Broker:MetadataSigningCertificate";
        var pinned = MetadataSigningCertificate(section["Broker:MetadataSigningCertificate"], PinKey, builder.Environment.ContentRootPath);
        if (section["Broker:MetadataPath"] is { Length: > 0 } metadataPath)
        {
            var full = Path.GetFullPath(metadataPath, builder.Environment.ContentRootPath);
            BrokerMetadata metadata;
            try
            {
                metadata = BrokerMetadata.Parse(File.ReadAllText(full), pinned, DateTimeOffset.UtcNow);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException($"Avero:EHerkenning:Broker:MetadataPath: de metadata van de makelaar ({full}) kan niet worden gelezen: {e.Message}", e);
            }
            catch (UntrustedMetadataException e)
            {
                throw new InvalidOperationException(
                    $"Avero:EHerkenning:Broker:MetadataPath: de metadata van de makelaar ({full}) wordt niet vertrouwd: {e.Message}. " +
                    $"Ze moet geldig zijn (validUntil) en ondertekend met het certificaat van {PinKey}.", e);
            }

            services.AddSingleton<IBrokerMetadataSource>(sp => new FixedBrokerMetadata(metadata, sp.GetRequiredService<TimeProvider>()));
        }
        else if (section["Broker:MetadataUrl"] is { Length: > 0 } metadataUrl)
        {
            var url = ConfigurationValues.AbsoluteHttpUrl(metadataUrl, "Avero:EHerkenning:Broker:MetadataUrl", httpsOnly: true, allowLoopbackHttp);
            services.AddHttpClient(MetadataClientName, client => client.Timeout = TimeSpan.FromSeconds(15))
                .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false });
            services.AddSingleton<IBrokerMetadataSource>(sp => new UrlBrokerMetadata(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(MetadataClientName), url, pinned,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<UrlBrokerMetadata>>()));
            services.AddHostedService<BrokerMetadataAtStartup>();
        }
        else
        {
            throw new InvalidOperationException("Configuratie ontbreekt: Avero:EHerkenning:Broker:MetadataPath of Broker:MetadataUrl.");
        }
    }

    /// <summary>The named HttpClient that fetches the broker's metadata (no redirects, no client certificate).</summary>
    public const string MetadataClientName = "eherkenning-metadata";

    /// <summary>The broker's metadata-signing certificate, pinned in configuration: a PEM or DER certificate file.</summary>
    private static X509Certificate2 MetadataSigningCertificate(string? path, string key, string contentRoot)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InvalidOperationException(
                $"Configuratie ontbreekt: {key} (pad naar het certificaat waarmee de makelaar zijn metadata ondertekent). Zonder dit certificaat wordt de metadata niet vertrouwd.");
        }

        var full = Path.GetFullPath(path, contentRoot);
        try
        {
            var certificate = X509CertificateLoader.LoadCertificateFromFile(full);
            if (certificate.GetRSAPublicKey() is not { KeySize: >= 2048 })
            {
                throw new InvalidOperationException($"{key}: het certificaat in {full} heeft geen RSA-sleutel van minstens 2048 bits.");
            }

            return certificate;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"{key}: {full} is geen leesbaar certificaatbestand (PEM of DER): {e.Message}", e);
        }
    }

    private static X509Certificate2 Certificate(IConfigurationSection section, string name, bool generateForDevelopment, string dataDirectory, string contentRoot)
    {
        var path = section["Path"];
        var password = section["Password"];
        if (string.IsNullOrWhiteSpace(path))
        {
            if (!generateForDevelopment)
            {
                throw new InvalidOperationException($"Configuratie ontbreekt: Avero:EHerkenning:{name}:Path (PFX-bestand).");
            }

            path = Path.Combine(dataDirectory, "eherkenning", name.Replace(':', '-') + ".pfx");
        }

        var full = Path.GetFullPath(path, contentRoot);
        if (!File.Exists(full) && generateForDevelopment)
        {
            // Development only: a self-signed key pair so the demo works on a fresh machine.
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            using var created = SamlCertificates.CreateSelfSigned("CN=AveroPortal development SP");
            File.WriteAllBytes(full, created.Export(X509ContentType.Pfx, password));
        }

        X509Certificate2 certificate;
        try
        {
            certificate = IsPem(full)
                ? PemPair(full, section["KeyPath"] is { Length: > 0 } keyPath ? Path.GetFullPath(keyPath, contentRoot) : null, name)
                : X509CertificateLoader.LoadPkcs12FromFile(full, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidOperationException($"Avero:EHerkenning:{name}: {full} kan niet worden geopend (bestaat het, klopt het wachtwoord?): {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Avero:EHerkenning:{name}: {full} kan niet worden gelezen: {e.Message}", e);
        }

        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is not { KeySize: >= 2048 })
        {
            throw new InvalidOperationException($"Avero:EHerkenning:{name}: het certificaat in {full} heeft geen RSA-sleutel van minstens 2048 bits.");
        }

        return certificate;
    }

    private static bool IsPem(string path)
    {
        using var file = File.OpenRead(path);
        var start = new byte[64];
        var read = file.Read(start);
        return System.Text.Encoding.ASCII.GetString(start, 0, read).TrimStart('\uFEFF', ' ', '\r', '\n', '\t').StartsWith("-----BEGIN", StringComparison.Ordinal);
    }

    /// <summary>A PEM certificate is accepted with its PEM private key in KeyPath; without one it is the wrong file.</summary>
    private static X509Certificate2 PemPair(string certificatePath, string? keyPath, string name)
    {
        if (keyPath is null)
        {
            throw new InvalidOperationException(
                $"Avero:EHerkenning:{name}:Path: {certificatePath} is een PEM-bestand, er wordt een PFX verwacht (PEM given, PFX expected). " +
                $"Geef een PFX-bestand met sleutel, of zet de PEM-sleutel in Avero:EHerkenning:{name}:KeyPath.");
        }

        using var pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        // Re-imported as PKCS#12 so the key also works for TLS client authentication, not only for signing.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.EphemeralKeySet);
    }
}
