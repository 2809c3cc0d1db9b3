namespace AveroPortal.Core.Login;

public static class LoginOutcomes
{
    public const string Success = "success";
    public const string WrongPassword = "wrong-password";
    public const string UnknownAccount = "unknown-account";
    public const string WrongCode = "wrong-code";
    public const string ReplayedCode = "replayed-code";
    /// <summary>A recovery code that is not one of the account's unused codes (wrong, or used before).</summary>
    public const string WrongRecoveryCode = "wrong-recovery-code";
    public const string LockedOut = "locked-out";
    public const string PasswordAccepted = "password-accepted";
    public const string Enrolled = "enrolled";
    public const string WrongPortal = "wrong-portal";
    /// <summary>A right code whose pending login was already used up or ended: no session.</summary>
    public const string PendingLoginGone = "pending-login-gone";
    /// <summary>Right password, account frozen through a "Dit was ik niet" link: no session.</summary>
    public const string Frozen = "frozen";
    /// <summary>Right password, but a colleague of the same company ended this business account's access: no session.</summary>
    public const string AccessEnded = "access-ended";
    /// <summary>A passkey assertion that did not verify, or an unknown, removed or other account's passkey.</summary>
    public const string WrongPasskey = "wrong-passkey";
    /// <summary>A valid passkey signature whose counter went backwards: possibly a cloned authenticator; refused.</summary>
    public const string PasskeyCounterRegressed = "passkey-counter-regressed";
}
