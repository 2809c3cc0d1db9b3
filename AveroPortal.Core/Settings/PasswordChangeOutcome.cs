namespace AveroPortal.Core.Settings;

public enum PasswordChangeOutcome
{
    Changed,
    /// <summary>A field is missing, too long or holds control characters; see the problems.</summary>
    BadInput,
    /// <summary>The new password breaks a rule of <see cref="Login.PasswordRules"/>.</summary>
    Rejected,
    PasswordsDiffer,
    WrongPassword,
    InvalidCode,
    LockedOut,
    /// <summary>Not an e-mail account that can change its password (gone, disabled, staff, or no authenticator).</summary>
    NotAvailable,
}
