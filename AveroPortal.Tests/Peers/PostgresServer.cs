using System.Diagnostics;

namespace AveroPortal.Tests.Peers;

/// <summary>
/// A throw-away PostgreSQL cluster of Debian's postgresql package: initdb in a temp folder, started with pg_ctl on a
/// free loopback port, removed on dispose. As root it runs as the package's "postgres" user (PostgreSQL refuses
/// root). A missing server fails loudly; the README's test command installs it.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _directory;
    private readonly string _bin;
    private bool _disposed;

    private PostgresServer(string directory, string bin, int port)
    {
        _directory = directory;
        _bin = bin;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A connection string for a new, empty database of its own.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "avero_" + Guid.NewGuid().ToString("N")[..12];
        await RunAsync(Path.Combine(_bin, "createdb"), $"-h 127.0.0.1 -p {Port} -U avero {name}");
        return $"Host=127.0.0.1;Port={Port};Username=avero;Database={name};Pooling=true;Maximum Pool Size=50";
    }

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (bin is null)
        {
            throw new InvalidOperationException(
                "PostgreSQL ontbreekt (/usr/lib/postgresql/*/bin/initdb). Installeer het met 'apt-get install -y postgresql' (de testopdracht in README.md doet dat).");
        }

        var directory = Path.Combine(Path.GetTempPath(), "avero-pg-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(directory);
        if (IsRoot)
        {
            await RunAsync("chown", $"postgres:postgres {directory}", asPostgres: false);
        }

        var port = PortalFactory.FreePort();
        var server = new PostgresServer(directory, bin, port);
        await RunAsync(Path.Combine(bin, "initdb"), $"-D {server.Data} -U avero --auth=trust --encoding=UTF8 --locale=C.UTF-8");
        await server.StartAgainAsync();
        return server;
    }

    private string Data => Path.Combine(_directory, "data");

    /// <summary>Stops the server (fast, as a crash would), keeping its data, for tests of what the portal does without it.</summary>
    public Task StopAsync() => RunAsync(Path.Combine(_bin, "pg_ctl"), $"-D {Data} -m immediate -w stop");

    /// <summary>Starts the server again on the same port with the same data.</summary>
    public Task StartAgainAsync() => RunAsync(Path.Combine(_bin, "pg_ctl"),
        $"-D {Data} -l {Path.Combine(_directory, "log.txt")} -w -t 60 -o \"-p {Port} -k {_directory} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off\" start");

    private static bool IsRoot => Environment.UserName == "root";

    private static async Task RunAsync(string file, string arguments, bool asPostgres = true)
    {
        var start = asPostgres && IsRoot
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.WorkingDirectory = Path.GetTempPath();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} ended with {process.ExitCode}: {await output}{await error}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await StopAsync();
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
