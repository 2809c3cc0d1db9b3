namespace AveroPortal.Core.PasswordReset;

public enum ResetOutcome
{
    /// <summary>The factor was right: the new password comes next.</summary>
    FactorAccepted,
    /// <summary>The password is set, every session of the account ended.</summary>
    PasswordSet,
    BadInput,
    InvalidCode,
    LockedOut,
    /// <summary>The rules refuse the new password (see <see cref="ResetResult.Problem"/>).</summary>
    PasswordRejected,
    PasswordsDiffer,
    /// <summary>The link is not (or no longer) good for this step; see <see cref="ResetResult.Link"/>.</summary>
    InvalidLink,
}
