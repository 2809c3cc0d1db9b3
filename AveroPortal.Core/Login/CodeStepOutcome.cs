namespace AveroPortal.Core.Login;

public enum CodeStepOutcome
{
    Accepted,
    InvalidCode,
    LockedOut,
    BadInput,
    /// <summary>The binding changed under the login (unlinked or already enrolled): start again.</summary>
    Restart,
    /// <summary>
    /// No open pending login: never started, expired, used up by a completion (this one lost a parallel race),
    /// ended by a log-out or a newer password step, or the account's security stamp changed. Start at the password.
    /// </summary>
    Expired,
}
