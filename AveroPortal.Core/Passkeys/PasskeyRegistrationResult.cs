namespace AveroPortal.Core.Passkeys;

public enum PasskeyRegistrationOutcome
{
    Added,
    /// <summary>No usable name, or a result that is not a WebAuthn registration at all: nothing changed.</summary>
    BadInput,
    /// <summary>The challenge is unknown, used, older than five minutes, or was handed to another browser or account.</summary>
    Expired,
    /// <summary>The authenticator's answer did not verify (origin, RP ID, challenge, user verification, format).</summary>
    Refused,
    /// <summary>This credential is registered already (to this account or another).</summary>
    AlreadyRegistered,
    /// <summary>The account has <see cref="PasskeyCeremonies.MaxPerAccount"/> passkeys.</summary>
    TooMany,
}

public sealed record PasskeyRegistrationResult(PasskeyRegistrationOutcome Outcome, long? PasskeyId = null);
