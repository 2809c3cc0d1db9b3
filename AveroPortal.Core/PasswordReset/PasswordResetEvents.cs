namespace AveroPortal.Core.PasswordReset;

/// <summary>How the reset shows up in the account's login history.</summary>
public static class PasswordResetEvents
{
    /// <summary>The method of the factor step's events (wrong code, replayed code, locked out) and of the reset itself.</summary>
    public const string Method = "password-reset";
    public const string FactorAccepted = "reset-factor-accepted";
    public const string PasswordReset = "password-reset";
}
