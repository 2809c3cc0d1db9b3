using AveroPortal.Core.Login;

namespace AveroPortal.Core.Passkeys;

public enum PasskeyLoginOutcome
{
    Accepted,
    /// <summary>Not a WebAuthn assertion (malformed JSON, wrong sizes): nothing changed, nothing counted.</summary>
    BadInput,
    /// <summary>The challenge is unknown, used, expired or another browser's: ask for a new one.</summary>
    Expired,
    /// <summary>Unknown or removed passkey, or an assertion that did not verify (counted on the account's lockout when there is one).</summary>
    Refused,
    LockedOut,
    Frozen,
    WrongPortal,
    AccessEnded,
    /// <summary>The signature counter went backwards: a possibly cloned authenticator. Refused, logged, flagged for the Supportdesk.</summary>
    CounterRegressed,
}

public sealed record PasskeyLoginResult(PasskeyLoginOutcome Outcome, Account? Account = null, DateTimeOffset? LockedUntil = null);
