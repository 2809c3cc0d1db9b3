using System.Diagnostics;
using AveroPortal.Tests.Support;

namespace AveroPortal.Tests.ScaleOut;

/// <summary>
/// Debian's nginx in front of several portal instances, with its own configuration and prefix in a temp folder, on a
/// free loopback port. Sticky by client address (consistent hash), WebSockets passed through for Blazor circuits; a
/// cookie "avero_node" pins a client to one instance, so a test can move a browser from one instance to another.
/// </summary>
public sealed class NginxServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private NginxServer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    public static string Configuration(int port, IReadOnlyList<int> instances, string directory)
    {
        var servers = string.Join("\n", instances.Select(p => $"        server 127.0.0.1:{p};"));
        var pins = string.Join("\n", instances.Select((p, i) => $"        \"{i + 1}\" 127.0.0.1:{p};"));
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
                    location / {
                        proxy_pass http://$backend;
                        proxy_http_version 1.1;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_read_timeout 120s;
                    }
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
        var config = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(config, Configuration(port, instances, directory));
        var start = new ProcessStartInfo(binary, $"-p {directory} -c {config} -e {directory}/error.log -g \"daemon off;\"")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start)!;
        var server = new NginxServer(process, directory, port);
        using var client = new HttpClient();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("nginx stopte meteen: " + await process.StandardError.ReadToEndAsync()
                    + (File.Exists(Path.Combine(directory, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(directory, "error.log")) : ""));
            }

            try
            {
                using var tcp = new System.Net.Sockets.TcpClient();
                await tcp.ConnectAsync(System.Net.IPAddress.Loopback, port);
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

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
