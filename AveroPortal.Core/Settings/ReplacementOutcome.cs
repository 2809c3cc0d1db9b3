namespace AveroPortal.Core.Settings;

public enum ReplacementOutcome
{
    /// <summary>Step 1 done: <see cref="ReplacementResult.Enrollment"/> holds the new key. Or step 3 done: the new app is the one.</summary>
    Done,
    BadInput,
    InvalidCode,
    LockedOut,
    /// <summary>No pending replacement for this account and session (never started, expired, started again elsewhere, already confirmed).</summary>
    Expired,
    NotAvailable,
}
