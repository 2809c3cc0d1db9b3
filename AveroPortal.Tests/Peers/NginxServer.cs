using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AveroPortal.Tests.Peers;

/// <summary>
/// Debian's nginx in front of several portal instances, with its own configuration and prefix in a temp folder, on a
/// free loopback port. Sticky by client address (consistent hash), WebSockets passed through for Blazor circuits; a
/// cookie "avero_node" pins a client to one instance, so a test can move a browser from one instance to another.
/// Like the README's snippet it sets X-Forwarded-For and X-Forwarded-Proto; it reaches the instances from
/// <see cref="ProxyAddress"/>, so nginx and a client on 127.0.0.1 are told apart, and it also ends TLS on
/// <see cref="TlsBaseUrl"/> with a certificate of its own.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    /// <summary>The address nginx connects to the portal instances from: the one they trust as their proxy.</summary>
    public static readonly IPAddress ProxyAddress = IPAddress.Parse("127.0.0.9");

    private readonly Process _process;
    private readonly string _directory;

    private NginxServer(Process process, string directory, int port, int tlsPort, X509Certificate2 certificate)
    {
        _process = process;
        _directory = directory;
        Port = port;
        TlsPort = tlsPort;
        Certificate = certificate;
    }

    public int Port { get; }

    public int TlsPort { get; }

    /// <summary>The self-signed certificate nginx serves on <see cref="TlsBaseUrl"/>; clients trust exactly this one.</summary>
    public X509Certificate2 Certificate { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    public Uri TlsBaseUrl => new($"https://127.0.0.1:{TlsPort}/");

    public static string Configuration(int port, int tlsPort, IReadOnlyList<int> instances, string directory)
    {
        var servers = string.Join("\n", instances.Select(p => $"        server 127.0.0.1:{p};"));
        var pins = string.Join("\n", instances.Select((p, i) => $"        \"{i + 1}\" 127.0.0.1:{p};"));
        var location = $$"""
                    location / {
                        proxy_pass http://$backend;
                        proxy_bind {{ProxyAddress}};
                        proxy_http_version 1.1;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_read_timeout 120s;
                    }
            """;
        return $$"""
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log {{directory}}/access.log;
                client_body_temp_path {{directory}}/body;
                proxy_temp_path {{directory}}/proxy;
                fastcgi_temp_path {{directory}}/fastcgi;
                uwsgi_temp_path {{directory}}/uwsgi;
                scgi_temp_path {{directory}}/scgi;
                map $http_upgrade $connection_upgrade { default upgrade; '' close; }
                # Sticky sessions: a Blazor circuit lives in one instance's memory, so a client stays on one instance.
                # $remote_addr is the client's address as nginx sees it, so the hash stays sticky per client.
                upstream portal {
                    hash $remote_addr consistent;
            {{servers}}
                }
                # Tests (and operators draining an instance) pin a client with the avero_node cookie.
                map $cookie_avero_node $backend {
                    default portal;
            {{pins}}
                }
                server {
                    listen 127.0.0.1:{{port}};
            {{location}}
                }
                # TLS ends here: the instances hear plain http with X-Forwarded-Proto: https.
                server {
                    listen 127.0.0.1:{{tlsPort}} ssl;
                    ssl_certificate {{directory}}/tls.crt;
                    ssl_certificate_key {{directory}}/tls.key;
            {{location}}
                }
            }
            """;
    }

    public static async Task<NginxServer> StartAsync(IReadOnlyList<int> instances)
    {
        const string binary = "/usr/sbin/nginx";
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException("nginx ontbreekt (/usr/sbin/nginx). Installeer het met 'apt-get install -y nginx' (de testopdracht in README.md doet dat).");
        }

        var directory = Path.Combine(Path.GetTempPath(), "avero-nginx-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(directory);
        var port = PortalFactory.FreePort();
        var tlsPort = PortalFactory.FreePort();
        var certificate = SelfSigned();
        await File.WriteAllTextAsync(Path.Combine(directory, "tls.crt"), certificate.ExportCertificatePem());
        using (var key = certificate.GetRSAPrivateKey()!)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, "tls.key"), key.ExportPkcs8PrivateKeyPem());
        }

        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, Configuration(port, tlsPort, instances, directory));
        var start = new ProcessStartInfo(binary, $"-p {directory} -c {config} -e {directory}/error.log -g \"daemon off;\"")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start)!;
        var server = new NginxServer(process, directory, port, tlsPort, certificate);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("nginx stopte meteen: " + await process.StandardError.ReadToEndAsync()
                    + (File.Exists(Path.Combine(directory, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(directory, "error.log")) : ""));
            }

            try
            {
                using var plain = new System.Net.Sockets.TcpClient();
                await plain.ConnectAsync(IPAddress.Loopback, port);
                using var tls = new System.Net.Sockets.TcpClient();
                await tls.ConnectAsync(IPAddress.Loopback, tlsPort);
                return server;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(100);
            }
        }

        await server.DisposeAsync();
        throw new InvalidOperationException("nginx luisterde niet binnen 10 seconden.");
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Certificate.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
