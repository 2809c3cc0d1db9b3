using System.Security.Cryptography;
using AveroPortal.Core.Factors;
using AveroPortal.Core.Login;
using Fido2NetLib;

namespace AveroPortal.Core.Passkeys;

/// <summary>
/// Hands out WebAuthn challenges and verifies registrations. Every challenge is server-side (shared database), single
/// use, valid five minutes and bound to its purpose, the account when known, and the browser that asked for it
/// (by the SHA-256 of its random per-browser key). Input is checked before anything is used up: an answer that is not
/// WebAuthn at all changes nothing. A browser key that is unusable (see <see cref="PasskeyChallengeRepository.IsUsableBrowserKey"/>)
/// gets options whose challenge never verifies.
/// </summary>
public sealed class PasskeyCeremonies(
    PasskeyVerifier verifier,
    PasskeyChallengeRepository challenges,
    PasskeyCredentialRepository credentials,
    PendingLoginRepository pending,
    LoginEventRepository events,
    PasskeyMails mails)
{
    /// <summary>Enough for a phone, a laptop and some security keys; a cap so that a stolen session can not fill the table.</summary>
    public const int MaxPerAccount = 10;

    /// <summary>Settings, after the page's re-authentication (the caller checks that; Core trusts the caller's account).</summary>
    public async Task<PasskeyBegin> BeginRegistrationAsync(Account account, string browserKey)
    {
        var existing = await credentials.ListAsync(account.Id);
        var handle = existing.Count > 0 ? existing[0].UserHandle : await credentials.FindUserHandleAsync(account.Id);
        var user = new Fido2User
        {
            // A random handle of the account, never its id or address: the authenticator stores it and hands it back.
            Id = handle is null ? RandomNumberGenerator.GetBytes(32) : System.Buffers.Text.Base64Url.DecodeFromChars(handle),
            Name = account.Email,
            DisplayName = account.DisplayName,
        };
        var json = verifier.RegistrationOptions(user, existing).ToJson();
        return new PasskeyBegin(await challenges.StartAsync(PasskeyPurposes.Registration, account.Id, browserKey, json), json);
    }

    public async Task<PasskeyRegistrationResult> CompleteRegistrationAsync(Account account, string browserKey, string? challengeId,
        string? responseJson, string? name, ClientInfo client)
    {
        if (PasskeySettings.CheckName(name) is not { } cleanName || PasskeyVerifier.ParseAttestation(responseJson) is not { } response)
        {
            return new PasskeyRegistrationResult(PasskeyRegistrationOutcome.BadInput);
        }

        if (await challenges.TryConsumeAsync(challengeId, PasskeyPurposes.Registration, account.Id, browserKey) is not { } optionsJson
            || PasskeyVerifier.ReadRegistrationOptions(optionsJson) is not { } options)
        {
            return new PasskeyRegistrationResult(PasskeyRegistrationOutcome.Expired);
        }

        if (account.IsStaff || account.IsFrozen || account.DisabledAt is not null)
        {
            return new PasskeyRegistrationResult(PasskeyRegistrationOutcome.Refused);
        }

        if (await credentials.CountAsync(account.Id) >= MaxPerAccount)
        {
            return new PasskeyRegistrationResult(PasskeyRegistrationOutcome.TooMany);
        }

        var known = false;
        var registered = await verifier.VerifyRegistrationAsync(response, options, async id =>
        {
            known = await credentials.FindAsync(PasskeyVerifier.Encode(id)) is not null;
            return !known;
        });
        if (registered is null)
        {
            return new PasskeyRegistrationResult(known ? PasskeyRegistrationOutcome.AlreadyRegistered : PasskeyRegistrationOutcome.Refused);
        }

        var transports = registered.Transports is { Length: > 0 } list ? string.Join(',', list.Select(t => t.ToString().ToLowerInvariant())) : null;
        var id = await credentials.TryAddAsync(new NewPasskeyCredential(account.Id, PasskeyVerifier.Encode(registered.Id),
            PasskeyVerifier.Encode(options.User.Id), PasskeyVerifier.Encode(registered.PublicKey), registered.SignCount, transports,
            registered.AaGuid.ToString(), cleanName));
        if (id is null)
        {
            return new PasskeyRegistrationResult(PasskeyRegistrationOutcome.AlreadyRegistered);
        }

        await events.AddAsync(account.Id, account.Portal, PasskeyEvents.SettingsMethod, PasskeyEvents.Added, client);
        await mails.TryNotifyAsync(account, PasskeyChange.Added, cleanName);
        return new PasskeyRegistrationResult(PasskeyRegistrationOutcome.Added, id);
    }

    /// <summary>
    /// Second factor after the password: allowCredentials are the account's passkeys. Null when the pending login is
    /// gone or its account has no passkey.
    /// </summary>
    public async Task<PasskeyBegin?> BeginSecondFactorAsync(string? pendingId, string browserKey)
    {
        if (await pending.FindAsync(pendingId) is not { } login)
        {
            return null;
        }

        var existing = await credentials.ListAsync(login.AccountId);
        if (existing.Count == 0)
        {
            return null;
        }

        var json = verifier.AssertionOptions(existing).ToJson();
        return new PasskeyBegin(await challenges.StartAsync(PasskeyPurposes.SecondFactor, login.AccountId, browserKey, json), json);
    }

    /// <summary>Passwordless and conditional mediation: no allowCredentials (discoverable), user verification required.</summary>
    /// <remarks>The portal is checked when the answer comes (<see cref="PasskeyLogin"/>): the passkey decides the account.</remarks>
    public async Task<PasskeyBegin> BeginPasswordlessAsync(string portal, string browserKey)
    {
        var json = verifier.AssertionOptions([]).ToJson();
        return new PasskeyBegin(await challenges.StartAsync(PasskeyPurposes.Passwordless, null, browserKey, json), json);
    }

    /// <summary>
    /// For the code step: the passkey factor of the pending login's account, or why there is none. The challenge is
    /// used up here (right or wrong, it is never used again).
    /// </summary>
    internal async Task<(PasskeyFactor? Factor, CodeStepOutcome? Refusal)> SecondFactorAsync(long accountId, string? browserKey, string? challengeId, string? responseJson)
    {
        if (PasskeyVerifier.ParseAssertion(responseJson) is not { } response)
        {
            return (null, CodeStepOutcome.BadInput);
        }

        // A challenge that is gone is a stale page, not a wrong proof: the customer asks for a new one; the pending login stays.
        if (await challenges.TryConsumeAsync(challengeId, PasskeyPurposes.SecondFactor, accountId, browserKey) is not { } optionsJson
            || PasskeyVerifier.ReadAssertionOptions(optionsJson) is not { } options)
        {
            return (null, CodeStepOutcome.BadInput);
        }

        // Another account's passkey, or a removed one, is a wrong proof on this account's lockout.
        var credential = await credentials.FindAsync(PasskeyVerifier.CredentialIdOf(response));
        return (new PasskeyFactor(verifier, response, options, credential?.AccountId == accountId ? credential : null), null);
    }

    /// <summary>For passwordless: the factor of the account whose passkey answered, or null for an unknown passkey.</summary>
    internal async Task<(PasskeyFactor? Factor, PasskeyCredential? Credential, PasskeyLoginOutcome? Refusal)> PasswordlessFactorAsync(
        string? browserKey, string? challengeId, string? responseJson)
    {
        if (PasskeyVerifier.ParseAssertion(responseJson) is not { } response)
        {
            return (null, null, PasskeyLoginOutcome.BadInput);
        }

        if (await challenges.TryConsumeAsync(challengeId, PasskeyPurposes.Passwordless, null, browserKey) is not { } optionsJson
            || PasskeyVerifier.ReadAssertionOptions(optionsJson) is not { } options)
        {
            return (null, null, PasskeyLoginOutcome.Expired);
        }

        // A discoverable credential answers with its user handle; without it, or with another, the passkey is not this account's.
        var credential = await credentials.FindAsync(PasskeyVerifier.CredentialIdOf(response));
        if (credential is null || response.Response.UserHandle is not { } handle || PasskeyVerifier.Encode(handle) != credential.UserHandle)
        {
            return (null, null, PasskeyLoginOutcome.Refused);
        }

        return (new PasskeyFactor(verifier, response, options, credential), credential, null);
    }
}
