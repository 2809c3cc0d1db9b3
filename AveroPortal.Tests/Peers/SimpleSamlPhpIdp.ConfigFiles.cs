using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AveroPortal.Tests.Peers;

// The instance's own files: signing key, config.php, authsources, IdP and SP metadata, the PHP router.
public sealed partial class SimpleSamlPhpIdp
{
    private static (X509Certificate2 Certificate, string Pem) WriteConfiguration(string root, SimpleSamlPhpSp sp, int port)
    {
        var baseUrl = $"http://127.0.0.1:{port}/";
        var entityId = baseUrl + "saml2/idp/metadata.php";
        var configDir = Path.Combine(root, "config");
        var metadataDir = Path.Combine(root, "metadata");
        var certDir = Path.Combine(root, "cert");
        var logDir = Path.Combine(root, "log");
        var tempDir = Path.Combine(root, "tmp");
        var dataDir = Path.Combine(root, "data");
        var sessionDir = Path.Combine(root, "sessions");
        foreach (var dir in new[] { configDir, metadataDir, certDir, logDir, tempDir, dataDir, sessionDir })
        {
            Directory.CreateDirectory(dir);
        }

        using var key = RSA.Create(2048);
        var request = new CertificateRequest(
            "CN=SimpleSAMLphp test IdP, O=AveroPortal tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        using var withKey = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var certificatePem = withKey.ExportCertificatePem();
        File.WriteAllText(Path.Combine(certDir, "idp.crt"), certificatePem + "\n");
        File.WriteAllText(Path.Combine(certDir, "idp.pem"), key.ExportPkcs8PrivateKeyPem() + "\n");
        var certificate = X509CertificateLoader.LoadCertificate(withKey.RawData);

        File.WriteAllText(Path.Combine(configDir, "config.php"), $$"""
            <?php
            $config = [
                'baseurlpath' => {{Php(baseUrl)}},
                'certdir' => {{Php(certDir + "/")}},
                'loggingdir' => {{Php(logDir + "/")}},
                'datadir' => {{Php(dataDir + "/")}},
                'tempdir' => {{Php(tempDir)}},
                'metadatadir' => {{Php(metadataDir + "/")}},
                'attributenamemapdir' => '/etc/simplesamlphp/attributemap/',
                'technicalcontact_name' => 'AveroPortal tests',
                'technicalcontact_email' => 'beheer@example.org',
                'secretsalt' => {{Php(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)))}},
                'auth.adminpassword' => {{Php(AdminPassword)}},
                'admin.protectindexpage' => false,
                'admin.protectmetadata' => false,
                'timezone' => 'Europe/Amsterdam',
                'showerrors' => true,
                'errorreporting' => false,
                'debug' => ['saml' => true, 'backtraces' => true, 'validatexml' => false],
                'logging.level' => SimpleSAML\Logger::DEBUG,
                'logging.handler' => 'file',
                'logging.logfile' => 'simplesamlphp.log',
                'enable.saml20-idp' => true,
                'enable.shib13-idp' => false,
                'enable.adfs-idp' => false,
                'module.enable' => [
                    'core' => true,
                    'saml' => true,
                    'exampleauth' => true,
                    'admin' => true,
                ],
                'store.type' => 'phpsession',
                'session.phpsession.savepath' => {{Php(sessionDir)}},
                'session.phpsession.cookiename' => 'SimpleSAML',
                'session.cookie.name' => 'SimpleSAMLSessionID',
                'session.cookie.path' => '/',
                'session.cookie.secure' => false,
                'session.cookie.samesite' => 'Lax',
                'session.duration' => 3600,
                'language.default' => 'en',
                'language.available' => ['en', 'nl'],
                'usenewui' => false,
                'metadata.sources' => [['type' => 'flatfile']],
            ];
            """);

        File.WriteAllText(Path.Combine(configDir, "authsources.php"), $$"""
            <?php
            $config = [
                'admin' => ['core:AdminPassword'],
                {{Php(AuthSourceId)}} => [
                    'exampleauth:UserPass',
                    {{Php(UserWithKvk + ":" + Password)}} => [
                        {{Php(KvkAttribute)}} => ['24444001'],
                        {{Php(PseudoAttribute)}} => ['pseudo-bakker-1'],
                        {{Php(CompanyNameAttribute)}} => ['Bakkerij De Korenbloem B.V.'],
                    ],
                    {{Php(UserWithoutKvk + ":" + Password)}} => [
                        {{Php(PseudoAttribute)}} => ['pseudo-zonderkvk-1'],
                        {{Php(CompanyNameAttribute)}} => ['Zonder KvK'],
                    ],
                ],
            ];
            """);

        File.WriteAllText(Path.Combine(metadataDir, "saml20-idp-hosted.php"), $$"""
            <?php
            $metadata[{{Php(entityId)}}] = [
                'host' => '__DEFAULT__',
                'privatekey' => 'idp.pem',
                'certificate' => 'idp.crt',
                'auth' => {{Php(AuthSourceId)}},
                'signature.algorithm' => 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
                'saml20.sign.assertion' => true,
                'saml20.sign.response' => true,
                'metadata.sign.enable' => true,
                'metadata.sign.algorithm' => 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
                'attributes.NameFormat' => 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri',
                'NameIDFormat' => 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
                'authproc' => [
                    10 => ['class' => 'saml:AuthnContextClassRef', 'AuthnContextClassRef' => {{Php(LoaClassRef)}}],
                ],
            ];
            """);

        var certData = sp.SigningCertificatePem is null
            ? ""
            : $"""
                    'certData' => {Php(PemBody(sp.SigningCertificatePem))},
                    'validate.authnrequest' => true,
                    'signature.algorithm' => 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
              """;
        File.WriteAllText(Path.Combine(metadataDir, "saml20-sp-remote.php"), $$"""
            <?php
            $metadata[{{Php(sp.EntityId)}}] = [
                'AssertionConsumerService' => [
                    [
                        'Binding' => 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST',
                        'Location' => {{Php(sp.AcsUrl)}},
                        'index' => 0,
                        'isDefault' => true,
                    ],
                ],
                'saml20.sign.assertion' => true,
                'saml20.sign.response' => true,
                'attributes.NameFormat' => 'urn:oasis:names:tc:SAML:2.0:attrname-format:uri',
                'NameIDFormat' => 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
            {{certData}}
            ];
            """);

        // SimpleSAMLphp 1.19 writes validUntil only for a builder given a maximum duration, which its IdP metadata page
        // never does; the portal refuses metadata without one. This router lets SimpleSAMLphp itself add validUntil
        // (one day) and sign the result again with its own key and signer, and leaves every other request alone.
        File.WriteAllText(Path.Combine(root, "router.php"), $$"""
            <?php
            if (parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) === '/saml2/idp/metadata.php' && !isset($_GET['output'])) {
                ob_start(function ($xml) {
                    if (strpos($xml, 'EntityDescriptor') === false) {
                        return $xml;
                    }
                    $document = new DOMDocument();
                    $document->loadXML($xml);
                    $root = $document->documentElement;
                    foreach ($root->childNodes as $child) {
                        if ($child instanceof DOMElement && $child->localName === 'Signature') {
                            $root->removeChild($child);
                            break;
                        }
                    }
                    $root->setAttribute('validUntil', gmdate('Y-m-d\TH:i:s\Z', time() + 86400));
                    $idp = \SimpleSAML\Metadata\MetaDataStorageHandler::getMetadataHandler()->getMetaDataConfig({{Php(entityId)}}, 'saml20-idp-hosted');
                    return \SimpleSAML\Metadata\Signer::sign($document->saveXML($root), $idp->toArray(), 'SAML 2 IdP');
                });
                chdir({{Php(Path.Combine(SimpleSamlPhpDir, "www", "saml2", "idp"))}});
                require {{Php(Path.Combine(SimpleSamlPhpDir, "www", "saml2", "idp", "metadata.php"))}};
                return true;
            }
            return false;
            """);

        return (certificate, certificatePem);
    }

    private static string PemBody(string pem) =>
        string.Concat(pem.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith("-----", StringComparison.Ordinal)));

    /// <summary>A PHP single-quoted string literal.</summary>
    private static string Php(string value) => "'" + value.Replace("\\", "\\\\").Replace("'", "\\'") + "'";
}
