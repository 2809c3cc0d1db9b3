using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace AveroPortal.Tests.Peers;

/// <summary>The service provider (the portal) as the test IdP knows it.</summary>
/// <param name="EntityId">The SP's entity id (the Issuer of its AuthnRequests, the Audience of the assertions).</param>
/// <param name="AcsUrl">The SP's AssertionConsumerService, HTTP-POST binding.</param>
/// <param name="SigningCertificatePem">The SP's AuthnRequest signing certificate; when given the IdP demands signed AuthnRequests.</param>
public sealed record SimpleSamlPhpSp(string EntityId, string AcsUrl, string? SigningCertificatePem);

/// <summary>
/// A real SAML 2.0 IdP: Debian's SimpleSAMLphp 1.19 served by PHP's built-in web server on 127.0.0.1,
/// with its own temporary configuration, a fresh RSA-2048 signing key and two test users
/// (<c>bakker</c>/<c>geheim</c> with KvK number, <c>zonderkvk</c>/<c>geheim</c> without).
/// Assertions carry AuthnContextClassRef <c>urn:etoegang:core:assurance-class:loa3</c>; both the
/// Response and the Assertion are signed with rsa-sha256. Missing php or simplesamlphp is an error, never a skip.
/// </summary>
public sealed class SimpleSamlPhpIdp : IAsyncDisposable
{
    public const string SimpleSamlPhpDir = "/usr/share/simplesamlphp";
    public const string AuthSourceId = "example-userpass";
    public const string LoaClassRef = "urn:etoegang:core:assurance-class:loa3";
    public const string KvkAttribute = "urn:etoegang:1.9:EntityConcernedID:KvKnr";
    public const string PseudoAttribute = "urn:etoegang:1.13:EntityConcernedID:Pseudo";
    public const string CompanyNameAttribute = "urn:etoegang:1.11:attribute-represented:CompanyName";
    public const string UserWithKvk = "bakker";
    public const string UserWithoutKvk = "zonderkvk";
    public const string Password = "geheim";
    public const string AdminPassword = "beheer-geheim";

    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(20);

    private readonly string _root;
    private readonly Process _process;
    private readonly StringBuilder _output;
    private readonly HttpClient _http;
    private bool _disposed;

    private SimpleSamlPhpIdp(string root, Process process, StringBuilder output, int port,
        X509Certificate2 certificate, string certificatePem)
    {
        _root = root;
        _process = process;
        _output = output;
        BaseUrl = new Uri($"http://127.0.0.1:{port}/");
        EntityId = $"http://127.0.0.1:{port}/saml2/idp/metadata.php";
        MetadataUrl = EntityId;
        SsoUrl = $"http://127.0.0.1:{port}/saml2/idp/SSOService.php";
        SigningCertificate = certificate;
        CertificatePem = certificatePem;
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri BaseUrl { get; }

    public string EntityId { get; }

    /// <summary>SingleSignOnService for both HTTP-Redirect and HTTP-POST AuthnRequests.</summary>
    public string SsoUrl { get; }

    public string MetadataUrl { get; }

    /// <summary>The IdP's signing certificate (public part only).</summary>
    public X509Certificate2 SigningCertificate { get; }

    public string CertificatePem { get; }

    /// <summary>The directory with config/, metadata/, cert/, log/ of this instance (deleted on dispose).</summary>
    public string WorkDirectory => _root;

    public static async Task<SimpleSamlPhpIdp> StartAsync(SimpleSamlPhpSp sp)
    {
        ArgumentNullException.ThrowIfNull(sp);
        var php = FindOnPath("php");
        if (php is null || !Directory.Exists(Path.Combine(SimpleSamlPhpDir, "www")))
        {
            throw new InvalidOperationException(
                "The SAML IdP peer needs PHP and SimpleSAMLphp: " +
                (php is null ? "no 'php' on PATH" : $"no {SimpleSamlPhpDir}/www") +
                ". Install them with test.sh or: apt-get install -y --no-install-recommends " +
                "simplesamlphp php-cli php8.2-cgi php-xml php-mbstring micro-httpd");
        }

        // The port is part of the configuration (baseurlpath, entity id), so a lost race for it means a new instance.
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var idp = Launch(php, sp, FreePort());
            try
            {
                await idp.WaitUntilUpAsync();
                return idp;
            }
            catch (Exception e)
            {
                last = e;
                var addressInUse = idp.LogText().Contains("Address already in use", StringComparison.OrdinalIgnoreCase);
                await idp.DisposeAsync();
                if (!addressInUse)
                {
                    throw;
                }
            }
        }

        throw new InvalidOperationException("SimpleSAMLphp could not get a free port three times.", last);
    }

    public async Task<string> GetMetadataXmlAsync()
    {
        using var response = await _http.GetAsync(MetadataUrl);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(
                $"SimpleSAMLphp metadata answered {(int)response.StatusCode}:\n{body}\n{LogText()}");
        }

        return body;
    }

    /// <summary>The SimpleSAMLphp log and the PHP server's output, for failure messages.</summary>
    public string LogText()
    {
        var text = new StringBuilder();
        text.AppendLine($"--- php -S output (SimpleSAMLphp at {BaseUrl}) ---");
        lock (_output)
        {
            text.Append(_output);
        }

        var log = Path.Combine(_root, "log", "simplesamlphp.log");
        text.AppendLine("--- simplesamlphp.log ---");
        try
        {
            if (File.Exists(log))
            {
                using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                text.Append(reader.ReadToEnd());
            }
            else
            {
                text.AppendLine("(no log file)");
            }
        }
        catch (IOException e)
        {
            text.AppendLine($"(log unreadable: {e.Message})");
        }

        return text.ToString();
    }

    /// <summary>
    /// The URL that sends <paramref name="authnRequestXml"/> with the HTTP-Redirect binding:
    /// raw DEFLATE, base64, URL-encoded as SAMLRequest (unsigned; no SigAlg/Signature).
    /// </summary>
    public static string RedirectBindingUrl(string ssoUrl, string authnRequestXml, string? relayState) =>
        RedirectBindingUrl(ssoUrl, authnRequestXml, relayState, signingKey: null);

    /// <summary>
    /// As <see cref="RedirectBindingUrl(string, string, string?)"/>, and when <paramref name="signingKey"/> is given
    /// signed the HTTP-Redirect way: SigAlg rsa-sha256 and Signature over
    /// <c>SAMLRequest=..&amp;RelayState=..&amp;SigAlg=..</c> exactly as they appear (URL-encoded) in the query.
    /// </summary>
    public static string RedirectBindingUrl(string ssoUrl, string authnRequestXml, string? relayState, RSA? signingKey)
    {
        using var buffer = new MemoryStream();
        using (var deflate = new DeflateStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            var bytes = Encoding.UTF8.GetBytes(authnRequestXml);
            deflate.Write(bytes, 0, bytes.Length);
        }

        var query = new StringBuilder();
        query.Append("SAMLRequest=").Append(Uri.EscapeDataString(Convert.ToBase64String(buffer.ToArray())));
        if (relayState is not null)
        {
            query.Append("&RelayState=").Append(Uri.EscapeDataString(relayState));
        }

        if (signingKey is not null)
        {
            query.Append("&SigAlg=").Append(Uri.EscapeDataString("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"));
            var signature = signingKey.SignData(
                Encoding.UTF8.GetBytes(query.ToString()), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            query.Append("&Signature=").Append(Uri.EscapeDataString(Convert.ToBase64String(signature)));
        }

        return ssoUrl + (ssoUrl.Contains('?') ? '&' : '?') + query;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _http.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception) when (_process.HasExited)
        {
        }
        catch (InvalidOperationException)
        {
        }
        catch (TimeoutException)
        {
        }
        finally
        {
            _process.Dispose();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static SimpleSamlPhpIdp Launch(string php, SimpleSamlPhpSp sp, int port)
    {
        var root = Path.Combine(Path.GetTempPath(), "avero-simplesamlphp-" + Guid.NewGuid().ToString("N"));
        var (certificate, certificatePem) = WriteConfiguration(root, sp, port);

        var start = new ProcessStartInfo(php)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        var arguments = new[]
        {
            "-d", "date.timezone=Europe/Amsterdam",
            "-d", "display_errors=stderr",
            "-d", "log_errors=Off",
            "-d", "error_reporting=" + (32767 & ~8192 & ~2048), // E_ALL & ~E_DEPRECATED & ~E_STRICT
            "-d", "session.save_path=" + Path.Combine(root, "sessions"),
            "-d", "sys_temp_dir=" + Path.Combine(root, "tmp"),
            "-S", $"127.0.0.1:{port}",
            "-t", Path.Combine(SimpleSamlPhpDir, "www"),
            Path.Combine(root, "router.php"),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SIMPLESAMLPHP_CONFIG_DIR"] = Path.Combine(root, "config");
        start.Environment.Remove("PHP_CLI_SERVER_WORKERS");
        start.Environment.Remove("PHPRC");

        var output = new StringBuilder();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        DataReceivedEventHandler append = (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {php}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new SimpleSamlPhpIdp(root, process, output, port, certificate, certificatePem);
    }

    private async Task WaitUntilUpAsync()
    {
        var deadline = Stopwatch.StartNew();
        string lastProblem = "no answer yet";
        while (deadline.Elapsed < StartupTimeout)
        {
            if (_process.HasExited)
            {
                await Task.Delay(100);
                throw new InvalidOperationException(
                    $"php -S for SimpleSAMLphp exited with code {_process.ExitCode} before answering.\n{LogText()}");
            }

            try
            {
                using var response = await _http.GetAsync(MetadataUrl);
                var body = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode && body.Contains("EntityDescriptor", StringComparison.Ordinal))
                {
                    return;
                }

                lastProblem = $"HTTP {(int)response.StatusCode}: {Truncate(body, 4000)}";
                if ((int)response.StatusCode >= 500)
                {
                    // The server is up but SimpleSAMLphp is broken (bad config, missing extension): no use waiting.
                    throw new InvalidOperationException(
                        $"SimpleSAMLphp metadata at {MetadataUrl} failed: {lastProblem}\n{LogText()}");
                }
            }
            catch (HttpRequestException e)
            {
                lastProblem = e.Message;
            }
            catch (TaskCanceledException e)
            {
                lastProblem = e.Message;
            }

            await Task.Delay(150);
        }

        throw new InvalidOperationException(
            $"SimpleSAMLphp did not serve {MetadataUrl} within {StartupTimeout.TotalSeconds} s (last: {lastProblem}).\n{LogText()}");
    }

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

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "...";

    private static int FreePort() => AveroPortal.Tests.Infrastructure.PortalFactory.FreePort();

    private static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
