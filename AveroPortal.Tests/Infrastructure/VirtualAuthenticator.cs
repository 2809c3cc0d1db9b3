using System.Text.Json;
using Microsoft.Playwright;

namespace AveroPortal.Tests.Infrastructure;

/// <summary>
/// Chromium's virtual WebAuthn authenticator on one page, through the Chrome DevTools Protocol: a platform
/// authenticator (ctap2, internal transport) with resident keys and user verification that answers at once, so
/// <c>navigator.credentials.create/get</c> on the page run the browser's real WebAuthn stack without a person. Its
/// credentials can be read, moved to another page's authenticator, and put back with another signature counter.
/// </summary>
public sealed class VirtualAuthenticator
{
    private readonly ICDPSession _session;

    private VirtualAuthenticator(ICDPSession session, string id)
    {
        _session = session;
        Id = id;
    }

    public string Id { get; }

    /// <param name="residentKeys">False for a security key without discoverable credentials (it can only answer a list of credential ids).</param>
    public static async Task<VirtualAuthenticator> AttachAsync(IPage page, bool residentKeys = true)
    {
        var session = await page.Context.NewCDPSessionAsync(page);
        await session.SendAsync("WebAuthn.enable", new Dictionary<string, object> { ["enableUI"] = false });
        var added = await session.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = residentKeys,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        return new VirtualAuthenticator(session, added!.Value.GetProperty("authenticatorId").GetString()!);
    }

    public async Task<IReadOnlyList<VirtualCredential>> CredentialsAsync()
    {
        var result = await _session.SendAsync("WebAuthn.getCredentials", new Dictionary<string, object> { ["authenticatorId"] = Id });
        return result!.Value.GetProperty("credentials").EnumerateArray().Select(VirtualCredential.From).ToList();
    }

    public Task AddAsync(VirtualCredential credential) =>
        _session.SendAsync("WebAuthn.addCredential", new Dictionary<string, object>
        {
            ["authenticatorId"] = Id,
            ["credential"] = credential.ToProtocol(),
        });

    public Task RemoveAsync(VirtualCredential credential) =>
        _session.SendAsync("WebAuthn.removeCredential", new Dictionary<string, object>
        {
            ["authenticatorId"] = Id,
            ["credentialId"] = credential.CredentialId,
        });

    /// <summary>The credential again with another signature counter: what a cloned authenticator would hold.</summary>
    public async Task SetSignCountAsync(VirtualCredential credential, int signCount)
    {
        await RemoveAsync(credential);
        await AddAsync(credential with { SignCount = signCount });
    }

    /// <summary>The user stops confirming (a cancelled or timed-out prompt): the browser answers NotAllowedError.</summary>
    public Task SetUserVerifiedAsync(bool verified) =>
        _session.SendAsync("WebAuthn.setUserVerified", new Dictionary<string, object> { ["authenticatorId"] = Id, ["isUserVerified"] = verified });
}

/// <summary>A credential as the protocol hands it out; binary members are base64 (standard alphabet), as CDP writes them.</summary>
public sealed record VirtualCredential(string CredentialId, bool IsResidentCredential, string? RpId, string PrivateKey, string? UserHandle, int SignCount)
{
    internal static VirtualCredential From(JsonElement json) => new(
        json.GetProperty("credentialId").GetString()!,
        json.GetProperty("isResidentCredential").GetBoolean(),
        json.TryGetProperty("rpId", out var rpId) ? rpId.GetString() : null,
        json.GetProperty("privateKey").GetString()!,
        json.TryGetProperty("userHandle", out var user) ? user.GetString() : null,
        json.GetProperty("signCount").GetInt32());

    internal Dictionary<string, object> ToProtocol()
    {
        var credential = new Dictionary<string, object>
        {
            ["credentialId"] = CredentialId,
            ["isResidentCredential"] = IsResidentCredential,
            ["privateKey"] = PrivateKey,
            ["signCount"] = SignCount,
        };
        if (RpId is not null)
        {
            credential["rpId"] = RpId;
        }

        if (UserHandle is not null)
        {
            credential["userHandle"] = UserHandle;
        }

        return credential;
    }
}
