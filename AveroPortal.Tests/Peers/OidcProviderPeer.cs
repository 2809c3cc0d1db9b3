using System.Buffers.Text;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AveroPortal.Tests.Peers;

/// <summary>A person the bank simulator knows, keyed by the login typed on its page.</summary>
/// <param name="Sub">The <c>sub</c> of the id_token (for iDIN: the BIN).</param>
/// <param name="Claims">The iDIN claims of this person, by claim name (only names in <see cref="OidcPeerSettings.ClaimNames"/> are released).</param>
/// <param name="Acr">The <c>acr</c> the id_token carries, or none.</param>
public sealed record OidcPeerIdentity(string Sub, IReadOnlyDictionary<string, string> Claims, string? Acr = null);

/// <summary>What the iDIN broker peer is told about its one client (the portal) and the people it can log in.</summary>
public sealed record OidcPeerSettings
{
    public required string ClientId { get; init; }

    public required string ClientSecret { get; init; }

    public required IReadOnlyList<string> RedirectUris { get; init; }

    /// <summary><c>client_secret_basic</c> or <c>client_secret_post</c>.</summary>
    public string TokenEndpointAuthMethod { get; init; } = "client_secret_basic";

    /// <summary>People by login (what is typed into <c>#login</c>).</summary>
    public required IReadOnlyDictionary<string, OidcPeerIdentity> Identities { get; init; }

    /// <summary>The claims of scope <c>idin</c>; when empty, every claim name the identities carry.</summary>
    public IReadOnlyList<string> ClaimNames { get; init; } = [];
}

/// <summary>
/// A real OpenID Connect provider (npm <c>oidc-provider</c> 9, AveroPortal.Tests/Peers/idin-broker/server.js) acting as
/// an iDIN broker on 127.0.0.1: code flow only, PKCE S256 required, client_secret_basic/post, scope <c>idin</c> with
/// every configured claim in the id_token (RS256, signed with <see cref="SigningKey"/>), single-use codes (60 s).
/// Its login page ("Bank simulator") has <c>#login</c>, <c>#submit</c> (Inloggen) and <c>#cancel</c> (Annuleren,
/// answers <c>error=access_denied</c>); every authorization request asks for a fresh login.
/// Missing node or node_modules is an error, never a skip.
/// </summary>
public sealed class OidcProviderPeer : IAsyncDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(20);

    private readonly Process _process;
    private readonly string _configDirectory;
    private readonly StringBuilder _output;
    private readonly TaskCompletionSource<int> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _disposed;

    private OidcProviderPeer(Process process, string configDirectory, StringBuilder output, int port, RSA signingKey, string keyId)
    {
        _process = process;
        _configDirectory = configDirectory;
        _output = output;
        Port = port;
        Issuer = $"http://127.0.0.1:{port}";
        SigningKey = signingKey;
        KeyId = keyId;
    }

    public int Port { get; }

    /// <summary><c>http://127.0.0.1:PORT</c>, without a trailing slash (as in discovery and the id_token's <c>iss</c>).</summary>
    public string Issuer { get; }

    public string DiscoveryUrl => Issuer + "/.well-known/openid-configuration";

    public string AuthorizationEndpoint => Issuer + "/auth";

    public string TokenEndpoint => Issuer + "/token";

    public string JwksUri => Issuer + "/jwks";

    public string UserinfoEndpoint => Issuer + "/me";

    /// <summary>The peer's own RS256 signing key (private), for tests that re-sign tampered tokens.</summary>
    public RSA SigningKey { get; }

    /// <summary>The <c>kid</c> of <see cref="SigningKey"/> in the JWKS and the id_token header.</summary>
    public string KeyId { get; }

    /// <summary>The peer's stdout and stderr so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<OidcProviderPeer> StartAsync(OidcPeerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var peerDirectory = FindPeerDirectory();
        var node = FindOnPath("node") ?? throw new InvalidOperationException(
            "The iDIN broker peer needs Node.js, but there is no 'node' on PATH; run ./test.sh (or install nodejs and npm).");
        if (!Directory.Exists(Path.Combine(peerDirectory, "node_modules", "oidc-provider")))
        {
            throw new InvalidOperationException(
                $"npm ci in AveroPortal.Tests/Peers/idin-broker ontbreekt; run ./test.sh (no {Path.Combine(peerDirectory, "node_modules")}).");
        }

        // The port is part of the issuer, so a lost race for it means a new instance.
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var signingKey = RSA.Create(2048);
            var peer = Launch(node, peerDirectory, settings, PortalFactory.FreePort(), signingKey);
            try
            {
                await peer.WaitUntilReadyAsync();
                return peer;
            }
            catch (InvalidOperationException e) when (peer.Output.Contains("EADDRINUSE", StringComparison.Ordinal))
            {
                last = e;
                await peer.DisposeAsync();
            }
            catch
            {
                await peer.DisposeAsync();
                throw;
            }
        }

        throw new InvalidOperationException("The iDIN broker peer could not get a free port three times.", last);
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
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
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
            SigningKey.Dispose();
        }

        try
        {
            Directory.Delete(_configDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static OidcProviderPeer Launch(string node, string peerDirectory, OidcPeerSettings settings, int port, RSA signingKey)
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var configDirectory = Path.Combine(Path.GetTempPath(), "avero-idin-broker-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(configDirectory);
        var configPath = Path.Combine(configDirectory, "config.json");
        File.WriteAllText(configPath, ConfigJson(settings, port, signingKey, keyId));

        var start = new ProcessStartInfo(node)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = peerDirectory,
        };
        start.ArgumentList.Add("server.js");
        start.ArgumentList.Add(configPath);
        start.Environment["NODE_ENV"] = "test";

        var output = new StringBuilder();
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var peer = new OidcProviderPeer(process, configDirectory, output, port, signingKey, keyId);
        process.OutputDataReceived += (_, e) => peer.Append(e.Data, isStandardOutput: true);
        process.ErrorDataReceived += (_, e) => peer.Append(e.Data, isStandardOutput: false);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {node} server.js in {peerDirectory}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return peer;
    }

    private void Append(string? line, bool isStandardOutput)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (isStandardOutput && line.StartsWith("READY ", StringComparison.Ordinal)
            && int.TryParse(line.AsSpan(6), System.Globalization.CultureInfo.InvariantCulture, out var port))
        {
            _ready.TrySetResult(port);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        var exited = _process.WaitForExitAsync();
        var finished = await Task.WhenAny(_ready.Task, exited, Task.Delay(StartupTimeout));
        if (finished == _ready.Task)
        {
            var port = await _ready.Task;
            if (port != Port)
            {
                throw new InvalidOperationException($"The iDIN broker peer listens on {port}, not on {Port}.\n{Output}");
            }

            return;
        }

        if (finished == exited)
        {
            // Let the last stderr lines arrive before quoting them.
            await Task.Delay(100);
            throw new InvalidOperationException(
                $"node server.js (iDIN broker peer) exited with code {_process.ExitCode} before READY.\n{Output}");
        }

        throw new InvalidOperationException(
            $"node server.js (iDIN broker peer) did not print READY within {StartupTimeout.TotalSeconds} s.\n{Output}");
    }

    private static string ConfigJson(OidcPeerSettings settings, int port, RSA signingKey, string keyId)
    {
        var claimNames = settings.ClaimNames.Count > 0
            ? settings.ClaimNames
            : settings.Identities.Values.SelectMany(identity => identity.Claims.Keys).Distinct(StringComparer.Ordinal).ToList();
        var key = signingKey.ExportParameters(includePrivateParameters: true);
        var config = new Dictionary<string, object?>
        {
            ["port"] = port,
            ["issuer"] = $"http://127.0.0.1:{port}",
            ["clients"] = new[]
            {
                new Dictionary<string, object?>
                {
                    ["client_id"] = settings.ClientId,
                    ["client_secret"] = settings.ClientSecret,
                    ["redirect_uris"] = settings.RedirectUris,
                    ["response_types"] = new[] { "code" },
                    ["grant_types"] = new[] { "authorization_code" },
                    ["token_endpoint_auth_method"] = settings.TokenEndpointAuthMethod,
                    ["id_token_signed_response_alg"] = "RS256",
                },
            },
            ["jwks"] = new Dictionary<string, object?>
            {
                ["keys"] = new[]
                {
                    new Dictionary<string, object?>
                    {
                        ["kty"] = "RSA",
                        ["kid"] = keyId,
                        ["alg"] = "RS256",
                        ["use"] = "sig",
                        ["n"] = Base64Url.EncodeToString(key.Modulus),
                        ["e"] = Base64Url.EncodeToString(key.Exponent),
                        ["d"] = Base64Url.EncodeToString(key.D),
                        ["p"] = Base64Url.EncodeToString(key.P),
                        ["q"] = Base64Url.EncodeToString(key.Q),
                        ["dp"] = Base64Url.EncodeToString(key.DP),
                        ["dq"] = Base64Url.EncodeToString(key.DQ),
                        ["qi"] = Base64Url.EncodeToString(key.InverseQ),
                    },
                },
            },
            ["identities"] = settings.Identities.ToDictionary(
                pair => pair.Key,
                pair => new Dictionary<string, object?>
                {
                    ["sub"] = pair.Value.Sub,
                    ["claims"] = pair.Value.Claims,
                    ["acr"] = pair.Value.Acr,
                }),
            ["claimNames"] = claimNames,
            ["cookieKeys"] = new[] { Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) },
        };
        return JsonSerializer.Serialize(config);
    }

    private static string FindPeerDirectory([CallerFilePath] string sourceFile = "")
    {
        var root = FindRepositoryRoot(AppContext.BaseDirectory)
            ?? FindRepositoryRoot(Directory.GetCurrentDirectory())
            ?? FindRepositoryRoot(Path.GetDirectoryName(sourceFile))
            ?? throw new InvalidOperationException(
                $"No folder containing AveroPortal.sln above {AppContext.BaseDirectory} or {sourceFile}; cannot find the iDIN broker peer.");
        var peer = Path.Combine(root, "AveroPortal.Tests", "Peers", "idin-broker");
        if (!File.Exists(Path.Combine(peer, "server.js")))
        {
            throw new InvalidOperationException($"No server.js in {peer}.");
        }

        return peer;
    }

    private static string? FindRepositoryRoot(string? start)
    {
        for (var directory = start is null ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AveroPortal.sln")))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    private static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
