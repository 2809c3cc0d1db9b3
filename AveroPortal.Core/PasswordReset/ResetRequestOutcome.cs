namespace AveroPortal.Core.PasswordReset;

public enum ResetRequestOutcome
{
    /// <summary>The one answer for every well-formed address: known, unknown, disabled or over the hourly limit.</summary>
    Answered,
    BadInput,
}
