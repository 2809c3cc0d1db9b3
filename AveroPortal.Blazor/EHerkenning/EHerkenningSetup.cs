using System.Security.Cryptography.X509Certificates;
using AveroPortal.Core.EHerkenning;
using AveroPortal.Core.EHerkenning.ServiceProvider;

namespace AveroPortal.Blazor.EHerkenning;

internal static class EHerkenningSetup
{
    /// <summary>
    /// Reads the eHerkenning configuration and fails start-up with a clear message when it can not work. When
    /// Avero:EHerkenning:Enabled is false the login method is simply not offered.
    /// </summary>
    public static void AddAveroEHerkenning(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var section = configuration.GetSection("Avero:EHerkenning");
        if (!section.GetValue("Enabled", false))
        {
            return;
        }

        var testBroker = section.GetValue("TestBroker:Enabled", false);
        if (testBroker && !builder.Environment.IsDevelopment())
        {
            throw new InvalidOperationException("Avero:EHerkenning:TestBroker:Enabled mag alleen in Development aan staan; zet het uit of configureer de echte makelaar.");
        }

        var publicBase = configuration["Avero:PublicBaseUrl"];
        string Required(string key) => section[key] is { Length: > 0 } value ? value
            : throw new InvalidOperationException($"Configuratie ontbreekt: Avero:EHerkenning:{key}.");

        var acsUrl = section["AcsUrl"] is { Length: > 0 } acs ? acs
            : publicBase is { Length: > 0 } ? new Uri(new Uri(publicBase), "eherkenning/acs").ToString()
            : throw new InvalidOperationException("Configuratie ontbreekt: Avero:EHerkenning:AcsUrl (of Avero:PublicBaseUrl).");
        if (!Uri.TryCreate(acsUrl, UriKind.Absolute, out _))
        {
            throw new InvalidOperationException($"Avero:EHerkenning:AcsUrl '{acsUrl}' is geen absolute URL.");
        }

        var requiredLevel = section["RequiredLevel"] is { Length: > 0 } level ? level : SamlNames.LevelPrefix + "loa3";
        if (AssuranceLevel.RankReceived(requiredLevel) is null)
        {
            throw new InvalidOperationException($"Avero:EHerkenning:RequiredLevel '{requiredLevel}' is geen eHerkenning-niveau (urn:etoegang:core:assurance-class:loa2 … loa4).");
        }

        var dataDirectory = Path.GetDirectoryName(Path.GetFullPath(configuration["Avero:Database:Path"] ?? "data/x", builder.Environment.ContentRootPath))!;
        var signing = Certificate(section.GetSection("SigningCertificate"), "SigningCertificate", testBroker, dataDirectory, builder.Environment.ContentRootPath);
        var encryption = section.GetSection("EncryptionCertificate").Exists()
            ? Certificate(section.GetSection("EncryptionCertificate"), "EncryptionCertificate", testBroker, dataDirectory, builder.Environment.ContentRootPath)
            : signing;
        var binding = Enum.TryParse<ResponseBinding>(section["Broker:ResponseBinding"] ?? "Artifact", ignoreCase: true, out var parsed) ? parsed
            : throw new InvalidOperationException("Avero:EHerkenning:Broker:ResponseBinding moet 'Artifact' of 'Post' zijn.");
        var clientCertificate = section.GetSection("Broker:ClientCertificate").Exists()
            ? Certificate(section.GetSection("Broker:ClientCertificate"), "Broker:ClientCertificate", false, dataDirectory, builder.Environment.ContentRootPath)
            : null;

        var options = new EHerkenningOptions(
            Required("EntityId"), acsUrl, Required("Oin"), section["ServiceName"] ?? "Mijn Avéro Achmea Bedrijven",
            section.GetValue("ServiceIndex", 1), Required("ServiceId"), Required("ServiceUuid"), requiredLevel,
            section.GetValue("RequestLevel", true), signing, encryption, binding, clientCertificate);

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
            if (publicBase is not { Length: > 0 })
            {
                throw new InvalidOperationException("De testmakelaar heeft Avero:PublicBaseUrl nodig.");
            }

            var broker = new TestBroker(new Uri(publicBase), options);
            services.AddSingleton(broker);
            services.AddSingleton<IBrokerMetadataSource>(new FixedBrokerMetadata(broker.Metadata));
        }
        else if (section["Broker:MetadataPath"] is { Length: > 0 } metadataPath)
        {
            var full = Path.GetFullPath(metadataPath, builder.Environment.ContentRootPath);
            BrokerMetadata metadata;
            try
            {
                metadata = BrokerMetadata.Parse(File.ReadAllText(full));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Xml.XmlException or InvalidOperationException or FormatException)
            {
                throw new InvalidOperationException($"De metadata van de makelaar ({full}) kan niet worden gelezen: {e.Message}", e);
            }

            services.AddSingleton<IBrokerMetadataSource>(new FixedBrokerMetadata(metadata));
        }
        else if (section["Broker:MetadataUrl"] is { Length: > 0 } metadataUrl)
        {
            services.AddSingleton<IBrokerMetadataSource>(sp => new UrlBrokerMetadata(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpArtifactResolver.ClientName), metadataUrl, TimeProvider.System));
        }
        else
        {
            throw new InvalidOperationException("Configuratie ontbreekt: Avero:EHerkenning:Broker:MetadataPath of Broker:MetadataUrl.");
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

        try
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(full, password, X509KeyStorageFlags.EphemeralKeySet);
            if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is not { KeySize: >= 2048 })
            {
                throw new InvalidOperationException($"Avero:EHerkenning:{name}: het certificaat in {full} heeft geen RSA-sleutel van minstens 2048 bits.");
            }

            return certificate;
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new InvalidOperationException($"Avero:EHerkenning:{name}: {full} kan niet worden geopend (bestaat het, klopt het wachtwoord?): {e.Message}", e);
        }
    }
}

/// <summary>Posts the ArtifactResolve with Content-Type text/xml, as brokers want, and reads at most 1 MB back.</summary>
internal sealed class HttpArtifactResolver(IHttpClientFactory clients) : IArtifactResolver
{
    public const string ClientName = "eherkenning";
    private const int MaxResponseBytes = 1024 * 1024;

    public async Task<string> ResolveAsync(string url, string artifactResolveSoap, CancellationToken cancellationToken = default)
    {
        using var content = new StringContent(artifactResolveSoap, System.Text.Encoding.UTF8, "text/xml");
        using var response = await clients.CreateClient(ClientName).PostAsync(url, content, cancellationToken);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength > MaxResponseBytes)
        {
            throw new InvalidOperationException("Artifact response larger than 1 MB.");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxResponseBytes + 1];
        var total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
            if (total > MaxResponseBytes)
            {
                throw new InvalidOperationException("Artifact response larger than 1 MB.");
            }
        }

        return System.Text.Encoding.UTF8.GetString(buffer, 0, total);
    }
}
