using System.Text.Json;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Fido2NetLib.Serialization;
using Microsoft.Extensions.Logging;

namespace AveroPortal.Core.Passkeys;

/// <summary>What an assertion proved.</summary>
internal enum AssertionVerdict
{
    Right,
    Wrong,
    /// <summary>A valid signature whose counter did not move forward: possibly a cloned authenticator.</summary>
    CounterRegressed,
}

/// <summary>
/// The WebAuthn checks, done by Fido2 (origin, RP ID hash, challenge, type, user-present and user-verified flags,
/// signature, allowCredentials, the user handle's owner) around the few that are ours: the origin against
/// <see cref="PasskeyOptions"/> (Fido2 only knows a fixed list, Development allows any localhost port), the
/// signature counter (one rule, with the "possibly cloned" flag), and the shape of what the browser sent.
/// </summary>
public sealed class PasskeyVerifier(PasskeyOptions options, PasskeyCredentialRepository credentials, ILogger<PasskeyVerifier> logger)
{
    /// <summary>Far above any real answer (a few KB), far below what could hurt.</summary>
    public const int MaxResponseLength = 32 * 1024;

    private const int ChallengeBytes = 32;

    /// <summary>The ceremony timeout the browser gets, in milliseconds: the challenge's lifetime.</summary>
    private static readonly uint TimeoutMs = (uint)PasskeyChallengeRepository.Lifetime.TotalMilliseconds;

    public PasskeyOptions Options => options;

    /// <summary>
    /// Registration: user verification required (the passkey is multi-factor by itself), a discoverable credential
    /// preferred (for passwordless), the account's passkeys excluded. Attestation "none": the portal does not
    /// restrict which authenticators customers use, so a vendor's attestation would be checked against nothing.
    /// </summary>
    internal CredentialCreateOptions RegistrationOptions(Fido2User user, IEnumerable<PasskeyCredential> existing) =>
        Fido2For([]).RequestNewCredential(new RequestNewCredentialParams
        {
            User = user,
            ExcludeCredentials = existing.Select(Descriptor).ToList(),
            AuthenticatorSelection = new AuthenticatorSelection
            {
                ResidentKey = ResidentKeyRequirement.Preferred,
                UserVerification = UserVerificationRequirement.Required,
            },
            AttestationPreference = AttestationConveyancePreference.None,
        });

    /// <summary>Empty <paramref name="allowed"/>: discoverable (passwordless, conditional mediation).</summary>
    internal AssertionOptions AssertionOptions(IEnumerable<PasskeyCredential> allowed) =>
        Fido2For([]).GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = allowed.Select(Descriptor).ToList(),
            UserVerification = UserVerificationRequirement.Required,
        });

    /// <summary>The browser's answer to navigator.credentials.get, or null when it is not one (nothing is counted then).</summary>
    internal static AuthenticatorAssertionRawResponse? ParseAssertion(string? json)
    {
        var raw = Deserialize(json, j => JsonSerializer.Deserialize(j, FidoModelSerializerContext.Default.AuthenticatorAssertionRawResponse));
        if (raw?.Response is not { } response || !IsCredentialId(raw.RawId) || raw.Id is null
            || response.Signature is not { Length: > 0 and <= 1024 } || response.UserHandle is { Length: 0 or > 64 }
            || !IsClientData(response.ClientDataJson) || !ParsesAsAuthenticatorData(response.AuthenticatorData))
        {
            return null;
        }

        return raw;
    }

    /// <summary>The browser's answer to navigator.credentials.create, or null when it is not one.</summary>
    internal static AuthenticatorAttestationRawResponse? ParseAttestation(string? json)
    {
        var raw = Deserialize(json, j => JsonSerializer.Deserialize<AuthenticatorAttestationRawResponse>(j));
        return raw?.Response is { } response && IsCredentialId(raw.RawId) && raw.Id is not null
            && response.AttestationObject is { Length: > 37 and <= 16 * 1024 } && IsClientData(response.ClientDataJson)
            ? raw
            : null;
    }

    public static CredentialCreateOptions? ReadRegistrationOptions(string optionsJson) => ReadOptions(() => CredentialCreateOptions.FromJson(optionsJson));

    public static AssertionOptions? ReadAssertionOptions(string optionsJson) => ReadOptions(() => Fido2NetLib.AssertionOptions.FromJson(optionsJson));

    /// <summary>
    /// Verifies the registration against the options handed out. Null when it does not verify; <paramref name="isNew"/>
    /// answers whether the credential id is unregistered.
    /// </summary>
    internal async Task<RegisteredPublicKeyCredential?> VerifyRegistrationAsync(AuthenticatorAttestationRawResponse raw, CredentialCreateOptions original,
        Func<byte[], Task<bool>> isNew)
    {
        if (ClientOrigin(raw.Response.ClientDataJson) is not { } origin || !options.IsAllowedOrigin(origin))
        {
            return null;
        }

        try
        {
            return await Fido2For([origin]).MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = raw,
                OriginalOptions = original,
                IsCredentialIdUniqueToUserCallback = (args, _) => isNew(args.CredentialId),
            });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Fido2VerificationException for a failed check; CBOR, key and format errors for answers that are broken inside.
            logger.LogInformation("Passkey registration refused: {Reason}", e.Message);
            return null;
        }
    }

    /// <summary>
    /// Verifies an assertion made with <paramref name="credential"/> and, when right, moves its counter forward. The
    /// counter rule is WebAuthn's (step 21): when the new or the stored counter is not 0, the new one must be greater;
    /// otherwise the authenticator may be cloned: refused, flagged for the Supportdesk, and a flagged passkey keeps
    /// being refused until it is removed (a clone and the original can not be told apart).
    /// </summary>
    internal async Task<AssertionVerdict> VerifyAssertionAsync(AuthenticatorAssertionRawResponse raw, AssertionOptions original, PasskeyCredential credential)
    {
        if (ClientOrigin(raw.Response.ClientDataJson) is not { } origin || !options.IsAllowedOrigin(origin))
        {
            return AssertionVerdict.Wrong;
        }

        VerifyAssertionResult result;
        try
        {
            result = await Fido2For([origin]).MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = raw,
                OriginalOptions = original,
                StoredPublicKey = System.Buffers.Text.Base64Url.DecodeFromChars(credential.PublicKey),
                // 0: Fido2 then leaves the counter to the rule below, the one home of it.
                StoredSignatureCounter = 0,
                IsUserHandleOwnerOfCredentialIdCallback = (args, _) => Task.FromResult(
                    Encode(args.CredentialId) == credential.CredentialId && Encode(args.UserHandle) == credential.UserHandle),
            });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogInformation("Passkey assertion refused for passkey {PasskeyId}: {Reason}", credential.Id, e.Message);
            return AssertionVerdict.Wrong;
        }

        long signCount = result.SignCount;
        var regressed = credential.CounterRegressedAt is not null
            || ((signCount != 0 || credential.SignCount != 0) && signCount <= credential.SignCount);
        if (regressed)
        {
            await credentials.MarkCounterRegressedAsync(credential.Id);
            logger.LogWarning("Passkey {PasskeyId} of account {AccountId}: signature counter {New} after {Stored}; possibly a cloned authenticator. Refused.",
                credential.Id, credential.AccountId, signCount, credential.SignCount);
            return AssertionVerdict.CounterRegressed;
        }

        // Lost to a parallel assertion with a higher counter: not a clone, but this one does not count as right.
        return await credentials.TryRecordUseAsync(credential.Id, signCount) ? AssertionVerdict.Right : AssertionVerdict.Wrong;
    }

    /// <summary>The credential id the assertion names, as stored.</summary>
    public static string CredentialIdOf(AuthenticatorAssertionRawResponse raw) => Encode(raw.RawId);

    public static string Encode(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private static PublicKeyCredentialDescriptor Descriptor(PasskeyCredential credential) =>
        new(PublicKeyCredentialType.PublicKey, System.Buffers.Text.Base64Url.DecodeFromChars(credential.CredentialId), Transports(credential.Transports));

    private static AuthenticatorTransport[]? Transports(string? stored)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return null;
        }

        var list = new List<AuthenticatorTransport>();
        foreach (var name in stored.Split(','))
        {
            if (Enum.TryParse<AuthenticatorTransport>(name, ignoreCase: true, out var transport) && Enum.IsDefined(transport))
            {
                list.Add(transport);
            }
        }

        return list.Count > 0 ? [.. list] : null;
    }

    private Fido2 Fido2For(IEnumerable<string> origins) => new(new Fido2Configuration
    {
        RPID = options.RelyingPartyId,
        RPName = options.RelyingPartyName,
        Origins = new HashSet<string>(origins),
        ChallengeSize = ChallengeBytes,
        Timeout = TimeoutMs,
    });

    private static T? Deserialize<T>(string? json, Func<string, T?> deserialize) where T : class
    {
        if (string.IsNullOrWhiteSpace(json) || json.Length > MaxResponseLength)
        {
            return null;
        }

        try
        {
            return deserialize(json);
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return null;
        }
    }

    private static T? ReadOptions<T>(Func<T> read) where T : class
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return null;
        }
    }

    private static bool IsCredentialId(byte[]? rawId) => rawId is { Length: >= 16 and <= 1023 };

    private static bool IsClientData(byte[]? clientDataJson) =>
        clientDataJson is { Length: > 0 and <= 4096 } && ClientOrigin(clientDataJson) is not null;

    /// <summary>The clientDataJSON's origin, or null when it is not JSON with a string origin.</summary>
    private static string? ClientOrigin(byte[] clientDataJson)
    {
        try
        {
            using var document = JsonDocument.Parse(clientDataJson);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("origin", out var origin) && origin.ValueKind == JsonValueKind.String
                ? origin.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool ParsesAsAuthenticatorData(byte[]? data)
    {
        if (data is not { Length: >= 37 and <= 4096 })
        {
            return false;
        }

        try
        {
            AuthenticatorData.Parse(data);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }
}
