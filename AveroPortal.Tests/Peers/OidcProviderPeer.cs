using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

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
public sealed partial class OidcProviderPeer : IAsyncDisposable
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
}
