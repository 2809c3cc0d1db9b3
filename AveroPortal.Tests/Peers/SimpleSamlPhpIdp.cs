using System.Diagnostics;
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
public sealed partial class SimpleSamlPhpIdp : IAsyncDisposable
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
}
